/**
 * Deviation alerts as a feature of the bot: subscriptions by chat and card,
 * alerts when a report version changes the figures and digests on each
 * subscription's schedule, all delivered through the outbox.
 */
import type { FeatureFactory } from '../chat/feature.js';
import { AlertActions, alertCommand, alertVerbs } from './alert-commands.js';
import { AlertTrigger } from './alert-trigger.js';
import { DIGEST_JOB, SubscriptionStore } from './subscription-store.js';

export const alertsFeature: FeatureFactory = (services) => {
  const { db, knowledge, roles, scheduler, log, config } = services;
  const subscriptions = new SubscriptionStore(db, scheduler);
  const trigger = new AlertTrigger({ db, knowledge, log, notify: () => services.outbox.notify(), watchMs: config.ALERTS_WATCH_MS });
  const actions = new AlertActions({ db, knowledge, roles, subscriptions });
  services.chat.addCommand(alertCommand(actions));
  services.chat.addVerbs(alertVerbs(actions));
  scheduler.handle(DIGEST_JOB, (run) => trigger.digest(run));
  return {
    name: 'avvikelser',
    start: async () => trigger.start(),
    stop: () => trigger.stop(),
  };
};
