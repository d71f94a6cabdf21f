import { CHAT_LIMITS, type ChatMessage } from '@anxin/common';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock, browserTimeZone } from '../scheduling/time.ts';
import type { ChatClient, ChatSnapshot, Outgoing } from './chat-client.ts';

interface ChatPanelProps {
  chat: ChatSnapshot;
  client: ChatClient | null;
  /** Closed rooms keep their history on screen but take no more messages. */
  closed: boolean;
  onReport: (message: ChatMessage) => void;
}

/** How long after the last keystroke "typing" is withdrawn. */
const TYPING_IDLE_MS = 3000;

/** The conversation: history by sequence number, this person's pending messages, the composer. */
export function ChatPanel({ chat, client, closed, onReport }: ChatPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const lastSeq = chat.messages.at(-1)?.seq ?? 0;
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [lastSeq, chat.outbox.length]);

  useEffect(() => {
    if (!client || lastSeq === 0) return;
    const mark = () => {
      if (document.visibilityState === 'visible') client.markRead(lastSeq);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => {
      document.removeEventListener('visibilitychange', mark);
    };
  }, [client, lastSeq, chat.connection]);

  return (
    <section className="panel room-chat" aria-labelledby={headingId} data-testid="room-chat">
      <h2 id={headingId}>{t('sessionRoom.chat.heading')}</h2>
      <div
        ref={listRef}
        className="chat-log"
        role="log"
        aria-label={t('sessionRoom.chat.log')}
        data-testid="chat-log"
        tabIndex={0}
      >
        <ol className="chat-list">
          {chat.messages.length === 0 && chat.outbox.length === 0 && (
            <li className="chat-empty">{t('sessionRoom.chat.empty')}</li>
          )}
          {chat.messages.map((message) => (
            <MessageItem
              key={message.seq}
              message={message}
              read={message.mine && message.seq <= chat.peerReadUpToSeq}
              onReport={closed ? null : onReport}
            />
          ))}
          {chat.outbox.map((item) => (
            <PendingItem key={item.id} item={item} client={client} />
          ))}
        </ol>
      </div>
      <p className="chat-typing" role="status" data-testid="chat-typing">
        {chat.peerTyping ? t('sessionRoom.chat.typing') : ''}
      </p>
      <ErrorLine chat={chat} />
      {!closed && <Composer client={client} />}
    </section>
  );
}

function MessageItem({
  message,
  read,
  onReport,
}: {
  message: ChatMessage;
  read: boolean;
  onReport: ((message: ChatMessage) => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const who = message.mine ? t('sessionRoom.chat.me') : t(`sessionRoom.role.${message.senderRole}`);
  return (
    <li
      className={message.mine ? 'chat-message chat-message--mine' : 'chat-message'}
      data-testid="chat-message"
      data-seq={message.seq}
      data-mine={message.mine}
    >
      <p className="chat-message__meta">
        <span>{who}</span> ·{' '}
        <time dateTime={message.sentAt}>
          {formatClock(message.sentAt, i18n.language, browserTimeZone())}
        </time>
        {message.mine && (
          <span className="chat-message__state" data-testid="chat-message-state">
            {' · '}
            {read ? t('sessionRoom.chat.read') : t('sessionRoom.chat.delivered')}
          </span>
        )}
      </p>
      <p className="chat-message__body" data-testid="chat-message-body">
        {message.body}
      </p>
      {onReport && !message.mine && (
        <button
          type="button"
          className="link-button chat-message__report"
          data-testid="chat-report"
          onClick={() => {
            onReport(message);
          }}
        >
          {t('sessionRoom.chat.report')}
        </button>
      )}
    </li>
  );
}

function PendingItem({ item, client }: { item: Outgoing; client: ChatClient | null }) {
  const { t } = useTranslation();
  const failed = item.state === 'failed';
  return (
    <li
      className={
        failed
          ? 'chat-message chat-message--mine chat-message--failed'
          : 'chat-message chat-message--mine chat-message--pending'
      }
      data-testid="chat-pending"
      data-state={item.state}
    >
      <p className="chat-message__meta">
        <span>{t('sessionRoom.chat.me')}</span> ·{' '}
        <span data-testid="chat-message-state">
          {failed ? t('sessionRoom.chat.failed') : t('sessionRoom.chat.sending')}
        </span>
      </p>
      <p className="chat-message__body">{item.body}</p>
      {failed && (
        <div className="row-actions">
          {item.error && (
            <p className="field__error">{t(`sessionRoom.error.${errorKey(item.error)}`)}</p>
          )}
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="chat-retry"
            onClick={() => client?.retry(item.id)}
          >
            {t('sessionRoom.chat.retry')}
          </button>
          <button
            type="button"
            className="link-button"
            data-testid="chat-discard"
            onClick={() => client?.discard(item.id)}
          >
            {t('sessionRoom.chat.discard')}
          </button>
        </div>
      )}
    </li>
  );
}

const ERROR_KEYS = [
  'invalid_frame',
  'message_too_long',
  'rate_limited',
  'room_closed',
  'internal',
] as const;
type ErrorKey = (typeof ERROR_KEYS)[number];

function errorKey(code: string): ErrorKey {
  return (ERROR_KEYS as readonly string[]).includes(code) ? (code as ErrorKey) : 'internal';
}

/** The last refusal, said plainly; a rate limit says how long to wait. */
function ErrorLine({ chat }: { chat: ChatSnapshot }) {
  const { t } = useTranslation();
  const error = chat.lastError;
  return (
    <div role="alert" data-testid="chat-error" data-code={error?.code ?? ''}>
      {error && (
        <p className="form-alert">
          {t(`sessionRoom.error.${errorKey(error.code)}`, {
            seconds: CHAT_LIMITS.rateWindowSeconds,
            limit: CHAT_LIMITS.maxMessagesPerWindow,
          })}
        </p>
      )}
    </div>
  );
}

function Composer({ client }: { client: ChatClient | null }) {
  const { t } = useTranslation();
  const inputId = useId();
  const counterId = useId();
  const [text, setText] = useState('');
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const typingSent = useRef(false);
  // UTF-16 units, as the server (zod `max`) counts them.
  const length = text.trim().length;
  const tooLong = length > CHAT_LIMITS.maxMessageLength;

  const stopTyping = () => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = null;
    if (typingSent.current) client?.typing(false);
    typingSent.current = false;
  };

  useEffect(
    () => () => {
      if (typingTimer.current) clearTimeout(typingTimer.current);
    },
    [],
  );

  const submit = () => {
    const body = text.trim();
    if (!client || body.length === 0 || tooLong) return;
    client.send(body);
    setText('');
    stopTyping();
  };

  return (
    <form
      className="chat-composer"
      data-testid="chat-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={inputId} className="field__label">
        {t('sessionRoom.chat.label')}
      </label>
      <textarea
        id={inputId}
        className="input input--multiline"
        rows={2}
        value={text}
        aria-describedby={counterId}
        aria-invalid={tooLong || undefined}
        data-testid="chat-input"
        onChange={(event) => {
          setText(event.target.value);
          if (!typingSent.current) {
            typingSent.current = true;
            client?.typing(true);
          }
          if (typingTimer.current) clearTimeout(typingTimer.current);
          typingTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      <div className="chat-composer__row">
        <span
          id={counterId}
          className={tooLong ? 'field__error' : 'field__hint'}
          data-testid="chat-counter"
        >
          {t('sessionRoom.chat.counter', { length, max: CHAT_LIMITS.maxMessageLength })}
          {tooLong && ` ${t('sessionRoom.chat.tooLong')}`}
        </span>
        <button
          type="submit"
          className="button"
          data-testid="chat-send"
          aria-disabled={tooLong || text.trim().length === 0 || undefined}
        >
          {t('sessionRoom.chat.send')}
        </button>
      </div>
      <p className="field__hint">{t('sessionRoom.chat.enterHint')}</p>
    </form>
  );
}
