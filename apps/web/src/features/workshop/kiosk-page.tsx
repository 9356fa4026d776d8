import type { WorkshopSession } from '@nabolag/schema';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addNavigationGuard, Link, navigate } from '../../app/router.tsx';
import { kioskPath } from '../../app/routes.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { browserStorage } from '../../lib/storage.ts';
import { tabletLetter } from '../../lib/tablet-letter.ts';
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
import { getTablet, reportTablet } from './workshop-api.ts';
import './workshop.css';

/** A join code as typed: the API's rule (4–12 letters and digits). */
const JOIN_CODE_PATTERN = /^[A-Z0-9]{4,12}$/;

/** How often the tablet reports in to the facilitator's console, in milliseconds. */
const HEARTBEAT_MS = 15_000;

/**
 * `/w/:code`: a workshop tablet. Looks the workshop up first — a wrong or ended code says so at
 * once, with a field for another code, before anyone is asked for a PIN. Then the facilitator
 * sets the PIN on first use (the screen names the workshop), the table is chosen once, and the
 * project's resident map serves one participant after another ("Done — next person" starts
 * afresh, while places not sent yet stay in the outbox and go out). No links lead away; leaving
 * takes the PIN. A person who scanned the join code with their own phone chooses "Take part on my
 * phone" instead of the PIN and takes part as themselves (`OwnPhone`).
 */
export function KioskPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const { state, reload, onEvent } = useWorkshopSession(code);
  const [pinSet, setPinSet] = useState(() => hasPin(browserStorage()));
  // Someone who scanned the projector's QR code with their own phone takes part as themselves.
  const [personal, setPersonal] = useState(
    () => !hasPin(browserStorage()) && browserStorage().getItem(ownPhoneKey(code)) === '1',
  );
  useSessionStream(state.status === 'ready' ? code : null, onEvent);
  useDocumentTitle(state.status === 'ready' ? state.session.title : null);

  // Once in kiosk mode nothing in the app leads away; "Exit kiosk" leaves with the PIN.
  useEffect(() => (pinSet ? addNavigationGuard(() => false) : undefined), [pinSet]);

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
      <div
        className="page page--narrow kiosk-state"
        data-testid="kiosk-error"
        data-reason={unknown ? 'unknown' : 'failed'}
      >
        <h1>{unknown ? t('workshop.unknownTitle') : t('workshop.loadFailedTitle')}</h1>
        <p role="alert">
          {unknown ? t('workshop.unknownCode', { code }) : t(errorMessageKey(state.error.code))}
        </p>
        {!unknown && (
          <p className="button-row">
            <button type="button" className="button button--primary" onClick={reload}>
              {t('workshop.retry')}
            </button>
          </p>
        )}
        {unknown && <OtherCode />}
        {pinSet ? <ExitKiosk /> : <LeaveLink />}
      </div>
    );
  }

  // An ended workshop is no reason to set up a tablet: say so before the PIN.
  if (!pinSet && state.session.status === 'closed') {
    return (
      <div className="page page--narrow kiosk-state" data-testid="kiosk-not-open" data-status="closed">
        <p className="kiosk-state__workshop" dir="auto">
          {state.session.title}
        </p>
        <h1>{t('workshop.closedTitle')}</h1>
        <p role="status">{t('workshop.closedCodeText')}</p>
        <OtherCode />
        <LeaveLink />
      </div>
    );
  }

  if (personal) return <OwnPhone session={state.session} />;

  if (!pinSet) {
    return (
      <PinSetup
        title={state.session.title}
        onDone={() => setPinSet(true)}
        onOwnPhone={() => {
          browserStorage().setItem(ownPhoneKey(code), '1');
          setPersonal(true);
        }}
      />
    );
  }

  return <Kiosk session={state.session} />;
}

/** Remembers that this browser takes part in a workshop as a person's own phone, not a kiosk. */
const ownPhoneKey = (code: string) => `nabolag:workshop:own-phone:${code}`;

/**
 * A workshop on a participant's own phone: the resident map, each place tagged with the session
 * (so it reaches the projector and the console), under this browser's own participant token and
 * consent, as on `/p/:slug` — no PIN, no "next person".
 */
function OwnPhone({ session }: { session: WorkshopSession }) {
  const { t } = useTranslation();
  const { items } = useOutbox();
  const pending = summarizeOutbox(items, session.project).unsent.length;
  const tag = useMemo(() => ({ session: session.code }), [session.code]);
  if (session.status !== 'open') {
    return (
      <div
        className="page page--narrow kiosk-state"
        data-testid="kiosk-not-open"
        data-status={session.status}
      >
        <p className="kiosk-state__workshop" dir="auto">
          {session.title}
        </p>
        <h1>{session.status === 'closed' ? t('workshop.closedTitle') : t('workshop.pausedTitle')}</h1>
        <p role="status">
          {session.status === 'closed' ? t('workshop.closedText') : t('workshop.pausedText')}
        </p>
        <KioskOutbox pending={pending} />
      </div>
    );
  }
  return (
    <div className="kiosk-root" data-testid="own-phone">
      <ResidentMapPage
        slug={session.project}
        kiosk={{
          participantKey: 0,
          contribution: { tag },
          firstSendScope: session.project,
          panelTop: <KioskInfo session={session} group={null} tabletName={null} welcome={false} />,
          panelEnd: <KioskOutbox pending={pending} />,
          outbox: null,
        }}
      />
    </div>
  );
}

/** A field for another workshop code, for a tablet given a wrong or ended one. */
function OtherCode() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = value.replace(/[\s-]/g, '').toUpperCase();
    if (!JOIN_CODE_PATTERN.test(next)) {
      setInvalid(true);
      inputRef.current?.focus();
      return;
    }
    // The guard holds in-app links in kiosk mode; another code stays in kiosk mode.
    navigate(kioskPath(next), { force: true });
  };
  return (
    <form className="kiosk-code-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="kiosk-code" className="field__label">
          {t('workshop.otherCodeLabel')}
        </label>
        <p id="kiosk-code-hint" className="field__hint">
          {t('workshop.otherCodeHint')}
        </p>
        <input
          ref={inputRef}
          id="kiosk-code"
          data-testid="kiosk-code-input"
          className="field__input kiosk-code-form__input"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          value={value}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'kiosk-code-hint kiosk-code-error' : 'kiosk-code-hint'}
          onChange={(event) => {
            setValue(event.target.value);
            setInvalid(false);
          }}
        />
      </div>
      {invalid && (
        <p id="kiosk-code-error" className="field__error" role="alert" data-testid="kiosk-code-problem">
          {t('workshop.otherCodeInvalid')}
        </p>
      )}
      <p className="button-row">
        <button type="submit" className="button button--primary" data-testid="kiosk-code-submit">
          {t('workshop.otherCodeSubmit')}
        </button>
      </p>
    </form>
  );
}

/** Before kiosk mode (no PIN yet), the way back to the list of projects. */
function LeaveLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link href="/" data-testid="kiosk-leave">
        {t('workshop.toStart')}
      </Link>
    </p>
  );
}

function Kiosk({ session }: { session: WorkshopSession }) {
  const { t } = useTranslation();
  const storage = browserStorage();
  const tablet = useMemo(() => tabletId(browserStorage()), []);
  const [group, setGroup] = useState(() => storedGroup(browserStorage(), session.code, session.groups));
  const [participantKey, setParticipantKey] = useState(0);
  const [welcome, setWelcome] = useState(false);
  const [tabletName, setTabletName] = useState<string | null>(null);
  const { items } = useOutbox();
  const pending = summarizeOutbox(items, session.project).unsent.length;

  // The tablet reports in with what it has not sent, now and every 15 s.
  const report = useRef({ group, pending });
  report.current = { group, pending };
  useEffect(() => {
    const send = async () => {
      const { group: current, pending: count } = report.current;
      const reported = await reportTablet(session.code, tablet, {
        ...(current ? { group: current } : {}),
        pending: count,
      });
      // Then the name the room knows this tablet by (the facilitator may have changed it).
      if (!reported.ok) return;
      const own = await getTablet(session.code, tablet);
      if (own.ok)
        setTabletName(
          own.value.name ?? t('workshop.tabletDefault', { letter: tabletLetter(own.value.ordinal) }),
        );
    };
    void send();
    const timer = window.setInterval(() => void send(), HEARTBEAT_MS);
    return () => window.clearInterval(timer);
    // `group` only to report at once when the table is chosen (the console names the tablet by it).
  }, [session.code, tablet, group, t]);

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

  // The wrapper only scopes the kiosk's styles (workshop.css): it takes no box of its own.
  return (
    <div className="kiosk-root">
      <ResidentMapPage
        slug={session.project}
        kiosk={{
          participantKey,
          contribution: { participantTokenKey: kioskParticipantKey(session.project), tag },
          firstSendScope: kioskFirstSendScope(session.project),
          panelTop: <KioskInfo session={session} group={group} tabletName={tabletName} welcome={welcome} />,
          panelEnd: <KioskActions pending={pending} onNextPerson={nextPerson} />,
          // What waits to be sent shows at the foot, beside "Done — next person", so the
          // categories keep the top of the panel.
          outbox: null,
        }}
      />
    </div>
  );
}

/** Above the form: which workshop and table this is, and a welcome for the next person. */
function KioskInfo({
  session,
  group,
  tabletName,
  welcome,
}: {
  session: WorkshopSession;
  group: string | null;
  /** What the room calls this tablet ("Tablet B"), once the server has said. */
  tabletName: string | null;
  welcome: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="kiosk-bar" data-testid="kiosk-bar">
      {/* The title keeps at least 12rem (else the table and tablet go under it) and is cut with an
          ellipsis, whole in the tooltip; the table and tablet are never cut. */}
      <p className="kiosk-bar__session" title={session.title}>
        <span className="kiosk-bar__title" dir="auto">
          {t('workshop.sessionLabel', { title: session.title })}
        </span>
        {(group || tabletName) && (
          <span className="kiosk-bar__group">
            {group && <span data-testid="kiosk-group">{t('workshop.tableLabel', { group })}</span>}
            {group && tabletName && ' · '}
            {tabletName && <span data-testid="kiosk-tablet-name">{tabletName}</span>}
          </span>
        )}
      </p>
      {welcome && (
        <p className="notice kiosk-bar__welcome" role="status" data-testid="kiosk-welcome">
          {t('workshop.nextReady')}
        </p>
      )}
    </div>
  );
}

/**
 * After the form, kept in view at the foot of the panel: "Done — next person" (asks first) and
 * "Exit kiosk". Secondary on purpose: a participant's first look goes to the categories and
 * "Add a place", and a large "Done" invited people to end before they had begun.
 */
function KioskActions({ pending, onNextPerson }: { pending: number; onNextPerson: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) nextRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <div className="kiosk-actions" data-testid="kiosk-actions">
      <KioskOutbox pending={pending} />
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
        <div className="kiosk-actions__row">
          <button
            ref={nextRef}
            type="button"
            className="button kiosk-actions__next"
            data-testid="kiosk-next"
            onClick={() => setConfirming(true)}
          >
            {t('workshop.next')}
          </button>
          <ExitKiosk />
        </div>
      )}
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
function PinSetup({
  title,
  onDone,
  onOwnPhone,
}: {
  title: string;
  onDone: () => void;
  /** The person is not setting up a tablet but taking part on their own phone. */
  onOwnPhone: () => void;
}) {
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
      <h1 className="kiosk-state__title" data-testid="kiosk-pin-workshop" dir="auto">
        {t('workshop.sessionLabel', { title })}
      </h1>
      <section className="kiosk-own-phone" aria-labelledby="kiosk-own-phone-heading">
        <h2 id="kiosk-own-phone-heading">{t('workshop.ownPhoneTitle')}</h2>
        <p>{t('workshop.ownPhoneText')}</p>
        <p className="button-row">
          <button
            type="button"
            className="button button--primary"
            data-testid="kiosk-own-phone"
            onClick={onOwnPhone}
          >
            {t('workshop.ownPhoneStart')}
          </button>
        </p>
      </section>
      <h2>{t('workshop.pinTitle')}</h2>
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
