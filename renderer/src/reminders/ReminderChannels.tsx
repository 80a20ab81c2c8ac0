/**
 * The person's choice of e-mail and chat for their reminders (decision 024): theirs on every
 * laptop (an event, not a device preference). E-mail goes to their entry in the emergency
 * contact list, so the address shown is the one the host will use.
 */
import { useEffect, useState } from 'react';
import { myEntry } from '../../../shared/alerts/recipient';
import { channelsOf, NO_REMINDER_CHANNELS, type ReminderChannels as Choice } from '../../../shared/reminders/commands';
import { useAlerts } from '../alerts/alerts-store';
import { dispatch } from '../data/dispatch';
import { useDirectory } from '../directory/directory-store';
import { useT } from '../i18n/i18n';
import { useSession } from '../vault/session-store';
import { useSync } from '../sync/ui/sync-store';
import { useReminderRound } from './reminder-round';
import type { ReminderRound } from './reminder-link';

function useMyChannels(): Choice | null {
  const store = useSession((s) => s.store);
  const personId = useSession((s) => s.me?.id ?? null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => (store ? store.subscribe(() => setVersion((v) => v + 1)) : undefined), [store]);
  useEffect(() => {
    if (!store || !personId) return;
    let live = true;
    void store.readEvents(undefined, ['reminders.channels-set']).then((events) => {
      if (live) setChoice(channelsOf(events, personId));
    });
    return () => {
      live = false;
    };
  }, [store, personId, version]);
  return choice;
}

export function ReminderChannels() {
  const t = useT();
  const me = useSession((s) => s.me);
  const people = useDirectory();
  const teamChannels = [...useAlerts((s) => s.state.channels).values()];
  const stored = useMyChannels() ?? NO_REMINDER_CHANNELS;
  // What was just chosen shows at once; the log's record catches up a moment later.
  const [local, setLocal] = useState<Choice | null>(null);
  const choice = local ?? stored;
  const [saved, setSaved] = useState(false);
  // Not a silent "Saved." when nothing can be mailed (ChannelsNotice).
  const hasServer = useSync((s) => s.settings !== null);
  const last = useReminderRound((s) => s.last);
  if (!me) return null;
  const entry = myEntry(people, { personId: me.id, name: me.name, email: me.email });
  const save = (next: Choice) => {
    setSaved(false);
    setLocal(next);
    void dispatch('reminders.set-channels', next).then(
      () => setSaved(true),
      () => setLocal(null),
    );
  };
  const toggleChat = (id: string, on: boolean) => save({ ...choice, chatChannelIds: on ? [...choice.chatChannelIds, id] : choice.chatChannelIds.filter((c) => c !== id) });
  return (
    <div className="card">
      <h2 className="sub" id="reminder-channels-title">{t('reminders.channels')}</h2>
      <p className="hint">{t('reminders.channelsHint')}</p>
      {entry ? (
        <label>
          <input type="checkbox" checked={choice.email} onChange={(e) => save({ ...choice, email: e.target.checked })} /> {t('reminders.byEmail', { to: entry.emails.join(', ') })}
        </label>
      ) : (
        <p className="hint">{t('reminders.noEmail')}</p>
      )}
      {teamChannels.length === 0 ? (
        <p className="hint">{t('reminders.noChat')}</p>
      ) : (
        teamChannels.map((c) => (
          <div key={c.id}>
            <label>
              <input type="checkbox" checked={choice.chatChannelIds.includes(c.id)} onChange={(e) => toggleChat(c.id, e.target.checked)} /> {t('reminders.byChat', { label: c.label })}
            </label>
          </div>
        ))
      )}
      <ChannelsNotice hasServer={hasServer} last={last} />
      {saved ? <p role="status">{t('reminders.channelsSaved')}</p> : null}
    </div>
  );
}

/** Mail and chat are sent by the team's server: without one, or when it did not take them, say so and what to do. */
export function ChannelsNotice({ hasServer, last }: { hasServer: boolean; last: ReminderRound | null }) {
  const t = useT();
  if (!hasServer) return <p className="hint">{t('reminders.noServer')}</p>;
  if (last?.state === 'ok' && last.notAccepted > 0) return <p className="hint">{t('reminders.notAccepted', { n: last.notAccepted })}</p>;
  return null;
}
