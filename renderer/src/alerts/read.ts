/** The alerting's state, folded from its events in the store (few: channels and escalations). */
import { ALERT_EVENT_TYPES } from '../../../shared/alerts/events';
import { foldAlerts, type AlertsState } from '../../../shared/alerts/model';
import type { EventStore } from '../data/event-store';

export async function readAlerts(store: EventStore): Promise<AlertsState> {
  return foldAlerts(await store.readEvents(undefined, [...ALERT_EVENT_TYPES]));
}
