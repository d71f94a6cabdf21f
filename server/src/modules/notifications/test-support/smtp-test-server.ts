import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it, with its headers and text decoded for assertions. */
export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  subject: string;
  text: string;
  raw: string;
}

export interface SmtpTestServer {
  url: string;
  received: ReceivedMail[];
  /** While true, every RCPT TO is answered 550 (with the address in the reply, as real servers do). */
  rejectRecipients: boolean;
  close(): Promise<void>;
}

/** A real SMTP server (the `smtp-server` package) in this process, on a free port. */
export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const state: SmtpTestServer = {
    url: '',
    received: [],
    rejectRecipients: false,
    close: () => Promise.resolve(),
  };
  const server = new SMTPServer({
    authOptional: true,
    // No STARTTLS: the server has no certificate nodemailer would trust.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!state.rejectRecipients) {
        callback();
        return;
      }
      const err = new Error(`<${address.address}>: mailbox unavailable`);
      Object.assign(err, { responseCode: 550 });
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mailFrom = session.envelope.mailFrom;
        state.received.push({
          mailFrom: mailFrom ? mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((a) => a.address),
          ...decodeMail(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** Just enough MIME for a single-part text/plain message as nodemailer writes it. */
export function decodeMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    head
      .split('\r\n')
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'utf8');
  return {
    subject: decodeEncodedWords(header('Subject')),
    text: bytes.toString('utf8').replace(/\r\n/g, '\n'),
  };
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(...Buffer.from(soft[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(out);
}

/** RFC 2047: adjacent encoded words join without the space between, bytes before characters. */
function decodeEncodedWords(value: string): string {
  const word = /=\?utf-8\?([bq])\?([^?]*)\?=/gi;
  const parts: (string | Buffer)[] = [];
  let last = 0;
  for (const m of value.matchAll(word)) {
    const between = value.slice(last, m.index);
    const adjacent = parts.length > 0 && typeof parts[parts.length - 1] !== 'string';
    if (between && !(adjacent && /^\s+$/.test(between))) parts.push(between);
    const data = m[2] ?? '';
    parts.push(
      m[1]?.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
    last = m.index + m[0].length;
  }
  parts.push(value.slice(last));
  const out: string[] = [];
  let pending: Buffer[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      out.push(Buffer.concat(pending).toString('utf8'), part);
      pending = [];
    } else pending.push(part);
  }
  out.push(Buffer.concat(pending).toString('utf8'));
  return out.join('');
}
