/**
 * The smallest shape of an incoming activity the bot can act on. Anything
 * else is refused with 400 before it reaches the SDK (which would fail with
 * a 500 on some malformed input).
 */
import { z } from 'zod';

const account = z.object({ id: z.string().min(1).max(500) }).passthrough();

export const incomingActivity = z
  .object({
    type: z.string().min(1).max(50),
    id: z.string().max(500).optional(),
    serviceUrl: z.string().url().max(2000),
    channelId: z.string().min(1).max(100),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1).max(1000), conversationType: z.string().max(50).optional(), tenantId: z.string().max(100).optional() }).passthrough(),
    text: z.string().max(100_000).optional(),
    value: z.unknown().optional(),
    name: z.string().max(200).optional(),
  })
  .passthrough();

export type IncomingActivity = z.infer<typeof incomingActivity>;

export function describeActivityProblems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'aktiviteten'}: ${i.message}`).join('; ');
}
