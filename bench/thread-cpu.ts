/**
 * CPU time by thread of a child process, read from /proc (Linux): where a
 * question's cost goes — the main thread (HTTP, botbuilder, the store) or the
 * others (answering threads, V8's garbage-collection helpers). Elsewhere
 * there is no /proc and the bench reports throughput and latency only.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU milliseconds per thread id; empty where /proc is not there. */
export type ThreadTimes = Map<number, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function threadTimes(pid: number): ThreadTimes {
  const times: ThreadTimes = new Map();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return times;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // fields after the command name (which may hold spaces): utime is the 12th, stime the 13th
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      times.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      /* the thread ended */
    }
  }
  return times;
}

/** CPU ms per question on the main thread (tid = pid) and on all others. */
export interface ThreadCpu {
  main: number;
  others: number;
}

/** CPU per question between two readings; undefined where /proc is not there. */
export function perQuestion(pid: number, before: ThreadTimes, after: ThreadTimes, questions: number): ThreadCpu | undefined {
  if (after.size === 0) return undefined;
  let main = 0;
  let others = 0;
  for (const [tid, ms] of after) {
    const spent = ms - (before.get(tid) ?? 0);
    if (tid === pid) main += spent;
    else others += spent;
  }
  return { main: main / questions, others: others / questions };
}
