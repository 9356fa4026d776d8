import type { WorkshopSession } from '@nabolag/schema';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addNavigationGuard, navigate } from '../../app/router.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { browserStorage } from '../../lib/storage.ts';
import { summarizeOutbox } from '../../offline/outbox-item.ts';
import { useOutbox } from '../../offline/use-outbox.ts';
import { forgetFirstSend } from '../contribute/first-send/first-send.ts';
import { generateParticipantToken } from '../contribute/participant-token.ts';
import { ResidentMapPage } from '../contribute/resident-map-page.tsx';
import {
  checkPin,
  hasPin,
  isValidPin,
  kioskFirstSendScope,
  kioskParticipantKey,
  rememberGroup,
  setPin,
  storedGroup,
  tabletId,
} from './kiosk-storage.ts';
import { useSessionStream } from './session-stream.ts';
import { isUnknownSession, useWorkshopSession } from './use-workshop-session.ts';
import { reportTablet } from './workshop-api.ts';
import './workshop.css';

/** How often the tablet reports in to the facilitator's console, in milliseconds. */
const HEARTBEAT_MS = 15_000;

/**
 * `/w/:code`: a workshop tablet. Sets the facilitator's PIN on first use, asks for the table
 * once, then shows the project's resident map for one participant after another ("Done — next
 * person" starts afresh, while places not sent yet stay in the outbox and go out). No links
 * lead away; leaving takes the PIN.
 */
export function KioskPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const { state, reload, onEvent } = useWorkshopSession(code);
  const [pinSet, setPinSet] = useState(() => hasPin(browserStorage()));
  useSessionStream(state.status === 'ready' ? code : null, onEvent);
  useDocumentTitle(state.status === 'ready' ? state.session.title : null);

  // Nothing in the app leads away from the kiosk; "Exit kiosk" leaves with the PIN.
  useEffect(() => addNavigationGuard(() => false), []);

  if (!pinSet) return <PinSetup onDone={() => setPinSet(true)} />;

  if (state.status === 'loading') {
    return (
      <div className="page-state page-state--centred" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('workshop.loading')}
      </div>
    );
  }

  if (state.status === 'failed') {
    const unknown = isUnknownSession(state.error);
    return (
      <div className="page page--narrow kiosk-state" data-testid="kiosk-error">
        <h1>{unknown ? t('workshop.unknownTitle') : t('workshop.loadFailedTitle')}</h1>
        <p role="alert">{unknown ? t('workshop.unknownText') : t(errorMessageKey(state.error.code))}</p>
        <p className="button-row">
          {!unknown && (
            <button type="button" className="button button--primary" onClick={reload}>
              {t('workshop.retry')}
            </button>
          )}
        </p>
        <ExitKiosk />
      </div>
    );
  }

  return <Kiosk session={state.session} />;
}

function Kiosk({ session }: { session: WorkshopSession }) {
  const { t } = useTranslation();
  const storage = browserStorage();
  const tablet = useMemo(() => tabletId(browserStorage()), []);
  const [group, setGroup] = useState(() => storedGroup(browserStorage(), session.code, session.groups));
  const [participantKey, setParticipantKey] = useState(0);
  const [welcome, setWelcome] = useState(false);
  const { items } = useOutbox();
  const pending = summarizeOutbox(items, session.project).unsent.length;

  // The tablet reports in with what it has not sent, now and every 15 s.
  const report = useRef({ group, pending });
  report.current = { group, pending };
  useEffect(() => {
    const send = () => {
      const { group: current, pending: count } = report.current;
      void reportTablet(session.code, tablet, { ...(current ? { group: current } : {}), pending: count });
    };
    send();
    const timer = window.setInterval(send, HEARTBEAT_MS);
    return () => window.clearInterval(timer);
  }, [session.code, tablet]);

  const tag = useMemo(
    () => ({ session: session.code, tablet, ...(group ? { sessionGroup: group } : {}) }),
    [session.code, tablet, group],
  );

  if (session.status !== 'open') {
    const closed = session.status === 'closed';
    return (
      <div
        className="page page--narrow kiosk-state"
        data-testid="kiosk-not-open"
        data-status={session.status}
      >
        <h1>{closed ? t('workshop.closedTitle') : t('workshop.pausedTitle')}</h1>
        <p role="status">{closed ? t('workshop.closedText') : t('workshop.pausedText')}</p>
        <p className="kiosk-state__muted">{t('workshop.checkingAgain')}</p>
        <KioskOutbox pending={pending} />
        <ExitKiosk />
      </div>
    );
  }

  if (session.groups.length > 0 && group === null) {
    return (
      <div className="page page--narrow kiosk-state" data-testid="kiosk-groups">
        <h1>{t('workshop.groupTitle')}</h1>
        <p>{t('workshop.groupIntro')}</p>
        <ul className="kiosk-groups">
          {session.groups.map((name, index) => (
            <li key={name}>
              <button
                type="button"
                className="button kiosk-groups__button"
                data-testid={`kiosk-group-${index}`}
                onClick={() => {
                  rememberGroup(browserStorage(), session.code, name);
                  setGroup(name);
                }}
              >
                {name}
              </button>
            </li>
          ))}
        </ul>
        <ExitKiosk />
      </div>
    );
  }

  const nextPerson = () => {
    storage.setItem(kioskParticipantKey(session.project), generateParticipantToken());
    forgetFirstSend(kioskFirstSendScope(session.project), storage);
    setParticipantKey((key) => key + 1);
    setWelcome(true);
  };

  return (
    <ResidentMapPage
      slug={session.project}
      kiosk={{
        participantKey,
        contribution: { participantTokenKey: kioskParticipantKey(session.project), tag },
        firstSendScope: kioskFirstSendScope(session.project),
        panelTop: <KioskBar session={session} group={group} welcome={welcome} onNextPerson={nextPerson} />,
        outbox: <KioskOutbox pending={pending} />,
      }}
    />
  );
}

function KioskBar({
  session,
  group,
  welcome,
  onNextPerson,
}: {
  session: WorkshopSession;
  group: string | null;
  welcome: boolean;
  onNextPerson: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <div className="kiosk-bar" data-testid="kiosk-bar">
      <p className="kiosk-bar__session">
        {t('workshop.sessionLabel', { title: session.title })}
        {group && (
          <>
            {' · '}
            <span data-testid="kiosk-group">{t('workshop.tableLabel', { group })}</span>
          </>
        )}
      </p>
      {welcome && (
        <p className="notice kiosk-bar__welcome" role="status" data-testid="kiosk-welcome">
          {t('workshop.nextReady')}
        </p>
      )}
      {confirming ? (
        <fieldset className="kiosk-bar__confirm" aria-labelledby="kiosk-next-question">
          <p id="kiosk-next-question">{t('workshop.nextConfirm')}</p>
          <p className="button-row">
            <button
              ref={confirmRef}
              type="button"
              className="button button--primary"
              data-testid="kiosk-next-confirm"
              onClick={() => {
                setConfirming(false);
                onNextPerson();
              }}
            >
              {t('workshop.nextYes')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="kiosk-next-cancel"
              onClick={() => setConfirming(false)}
            >
              {t('workshop.nextNo')}
            </button>
          </p>
        </fieldset>
      ) : (
        <button
          type="button"
          className="button button--primary kiosk-bar__next"
          data-testid="kiosk-next"
          onClick={() => setConfirming(true)}
        >
          {t('workshop.next')}
        </button>
      )}
      <ExitKiosk />
    </div>
  );
}

/** What this tablet has not sent yet, as a count only: the stories are the previous people's. */
function KioskOutbox({ pending }: { pending: number }) {
  const { t } = useTranslation();
  return (
    <p className="kiosk-outbox" data-testid="kiosk-outbox" data-pending={pending}>
      {pending > 0 ? t('workshop.waiting', { count: pending }) : t('workshop.allSent')}
    </p>
  );
}

/** "Exit kiosk": asks for the facilitator's PIN, then leaves for the project list. */
function ExitKiosk() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [pin, setPinValue] = useState('');
  const [wrong, setWrong] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <button
        type="button"
        className="button button--quiet kiosk-exit"
        data-testid="kiosk-exit"
        onClick={() => setOpen(true)}
      >
        {t('workshop.exit')}
      </button>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await checkPin(browserStorage(), pin)) {
      navigate('/', { force: true });
      return;
    }
    setWrong(true);
    setPinValue('');
    inputRef.current?.focus();
  };

  return (
    <form className="kiosk-exit-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor="kiosk-exit-pin" className="field__label">
          {t('workshop.exitPinLabel')}
        </label>
        <input
          ref={inputRef}
          id="kiosk-exit-pin"
          data-testid="kiosk-exit-pin"
          className="field__input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          aria-invalid={wrong}
          aria-describedby={wrong ? 'kiosk-exit-error' : undefined}
          onChange={(event) => {
            setPinValue(event.target.value);
            setWrong(false);
          }}
        />
      </div>
      {wrong && (
        <p id="kiosk-exit-error" className="field__error" role="alert" data-testid="kiosk-exit-error">
          {t('workshop.exitWrongPin')}
        </p>
      )}
      <p className="button-row">
        <button type="submit" className="button button--primary" data-testid="kiosk-exit-submit">
          {t('workshop.exitSubmit')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            setPinValue('');
            setWrong(false);
          }}
        >
          {t('workshop.exitCancel')}
        </button>
      </p>
    </form>
  );
}

/** The first time kiosk mode is opened on a tablet, the facilitator sets a PIN to leave it. */
function PinSetup({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [pin, setPinValue] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<'invalid' | 'mismatch' | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isValidPin(pin)) {
      setProblem('invalid');
      return;
    }
    if (pin !== repeat) {
      setProblem('mismatch');
      return;
    }
    await setPin(browserStorage(), pin);
    onDone();
  };

  return (
    <div className="page page--narrow kiosk-state" data-testid="kiosk-pin-setup">
      <h1>{t('workshop.pinTitle')}</h1>
      <p>{t('workshop.pinIntro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="kiosk-pin-new" className="field__label">
            {t('workshop.pinLabel')}
          </label>
          <input
            id="kiosk-pin-new"
            data-testid="kiosk-pin-new"
            className="field__input"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            aria-invalid={problem === 'invalid'}
            onChange={(event) => setPinValue(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="kiosk-pin-repeat" className="field__label">
            {t('workshop.pinRepeatLabel')}
          </label>
          <input
            id="kiosk-pin-repeat"
            data-testid="kiosk-pin-repeat"
            className="field__input"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={repeat}
            aria-invalid={problem === 'mismatch'}
            onChange={(event) => setRepeat(event.target.value)}
          />
        </div>
        {problem && (
          <p className="field__error" role="alert" data-testid="kiosk-pin-problem">
            {problem === 'invalid' ? t('workshop.pinInvalid') : t('workshop.pinMismatch')}
          </p>
        )}
        <p className="button-row">
          <button type="submit" className="button button--primary" data-testid="kiosk-pin-save">
            {t('workshop.pinSave')}
          </button>
        </p>
      </form>
    </div>
  );
}
