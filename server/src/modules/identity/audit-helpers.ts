export { audit } from '../../platform/audit/request-audit.ts';
import { SENSITIVE } from '../../platform/audit/audit.ts';

/** A sensitive field changed: the event says so without holding either value. */
export const SENSITIVE_CHANGE = { old: SENSITIVE, new: SENSITIVE } as const;
