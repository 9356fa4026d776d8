import type { Project } from '@nabolag/schema';
import { pickText, projectTextFallback } from '@nabolag/schema/plain';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../i18n/error-messages.ts';
import { outbox } from './outbox.ts';
import { type OutboxItem, summarizeOutbox } from './outbox-item.ts';
import { useOutbox } from './use-outbox.ts';
import './outbox.css';

/** Characters of a story shown in the list: enough to recognise it. */
const STORY_EXCERPT_LENGTH = 60;

function excerpt(story: string | undefined): string | null {
  if (!story) return null;
  return story.length > STORY_EXCERPT_LENGTH ? `${story.slice(0, STORY_EXCERPT_LENGTH).trimEnd()}…` : story;
}

interface OutboxPanelProps {
  project: Project;
  /** Puts a place the server refused back in the contribute form, to be corrected. */
  onEdit: (id: string) => void;
}

/**
 * What of this project waits on this device to be sent: how many places, each with its state
 * (sending, waiting, or refused and why), "Send now", and for refused places a way to correct,
 * retry or discard them — nothing is ever dropped without the person saying so. Always in the
 * page (hidden when empty) so tests can read `data-pending`.
 */
export function OutboxPanel({ project, onEdit }: OutboxPanelProps) {
  const { t, i18n } = useTranslation();
  const snapshot = useOutbox();
  const summary = summarizeOutbox(snapshot.items, project.slug);
  const items = [...summary.unsent, ...summary.photos];
  const [confirming, setConfirming] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  const categoryOf = (item: OutboxItem) =>
    project.categories.find((category) => category.key === item.body.category);

  const stateText = (item: OutboxItem) => {
    if (snapshot.sending.has(item.id)) return t('outbox.stateSending');
    if (item.state === 'failed') {
      return t('outbox.stateFailed', {
        reason: t(errorMessageKey(item.lastError?.code ?? 'UNEXPECTED_RESPONSE')),
      });
    }
    return item.lastError ? t('outbox.stateWaitingRetry') : t('outbox.stateWaiting');
  };

  const discard = async (id: string) => {
    setConfirming(null);
    await outbox().take(id);
    headingRef.current?.focus();
  };

  const photosWaiting = summary.photos.filter((item) => item.state === 'waiting').length;
  const photosFailed = summary.photos.length - photosWaiting;

  return (
    <section
      className="outbox"
      aria-labelledby="outbox-heading"
      data-testid="outbox"
      data-pending={summary.unsent.length}
      data-failed={summary.failed + photosFailed}
      hidden={items.length === 0}
    >
      {/* "Send now" beside the heading: on a phone the whole panel, items and all, fits one screen. */}
      <div className="outbox__header">
        <h2 id="outbox-heading" className="outbox__heading" ref={headingRef} tabIndex={-1}>
          {t('outbox.heading')}
        </h2>
        {summary.waiting + photosWaiting > 0 && (
          <button
            type="button"
            className="button button--primary outbox__send-now"
            data-testid="outbox-send-now"
            aria-disabled={snapshot.sending.size > 0}
            onClick={() => {
              if (snapshot.sending.size === 0) void outbox().sendNow({ evenOffline: true });
            }}
          >
            {t('outbox.sendNow')}
          </button>
        )}
      </div>
      <div className="outbox__summary">
        {summary.waiting > 0 && (
          <p>
            {snapshot.online
              ? t('outbox.waiting', { count: summary.waiting })
              : t('outbox.waitingOffline', { count: summary.waiting })}
          </p>
        )}
        {summary.failed > 0 && (
          <p className="outbox__failed">{t('outbox.failed', { count: summary.failed })}</p>
        )}
        {photosWaiting > 0 && <p>{t('outbox.photosWaiting', { count: photosWaiting })}</p>}
        {!snapshot.persistent && <p className="outbox__warning">{t('outbox.notPersistent')}</p>}
      </div>

      <ul className="outbox__items">
        {items.map((item) => {
          const category = categoryOf(item);
          const label = category
            ? pickText(category.labels, i18n.language, projectTextFallback(project))
            : item.body.category;
          const sending = snapshot.sending.has(item.id);
          const isPhoto = item.stage === 'photo';
          const story = excerpt(item.body.story);
          return (
            <li
              key={item.id}
              className="outbox-item"
              data-testid="outbox-item"
              data-id={item.id}
              data-state={sending ? 'sending' : item.state}
            >
              <span
                className={isPhoto ? 'outbox-item__marker is-sent' : 'outbox-item__marker'}
                style={{ borderColor: item.state === 'failed' ? undefined : category?.colour }}
                aria-hidden="true"
              />
              <div className="outbox-item__body">
                <p className="outbox-item__what">
                  {isPhoto ? t('outbox.photoOf', { place: label }) : label}
                  {!isPhoto && <span className="outbox-item__story">{story ?? t('outbox.noStory')}</span>}
                </p>
                {/* State and actions share a row: on a phone the panel fits one screen. */}
                <div className="outbox-item__footer">
                  <p
                    className={
                      item.state === 'failed' ? 'outbox-item__state is-failed' : 'outbox-item__state'
                    }
                  >
                    {sending && <span className="spinner outbox-item__spinner" aria-hidden="true" />}
                    {stateText(item)}
                  </p>

                  {confirming === item.id ? (
                    <fieldset className="outbox-item__confirm">
                      <legend>
                        {isPhoto ? t('outbox.confirmDiscardPhoto') : t('outbox.confirmDiscard')}
                      </legend>
                      <div className="button-row">
                        <button
                          type="button"
                          className="button outbox-item__discard"
                          onClick={() => void discard(item.id)}
                        >
                          {t('outbox.confirmDiscardYes')}
                        </button>
                        <button
                          type="button"
                          className="button"
                          ref={keepRef}
                          onClick={() => setConfirming(null)}
                        >
                          {t('outbox.keep')}
                        </button>
                      </div>
                    </fieldset>
                  ) : (
                    <div className="button-row outbox-item__actions">
                      {item.state === 'failed' && !isPhoto && (
                        <button type="button" className="button" onClick={() => onEdit(item.id)}>
                          {t('outbox.edit')}
                        </button>
                      )}
                      {item.state === 'failed' && (
                        <button type="button" className="button" onClick={() => void outbox().retry(item.id)}>
                          {t('outbox.retry')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button--quiet"
                        disabled={sending}
                        onClick={() => setConfirming(item.id)}
                      >
                        {isPhoto ? t('outbox.discardPhoto') : t('outbox.discard')}
                      </button>
                    </div>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
