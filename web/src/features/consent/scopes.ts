import { CONSENT_SCOPE_DOCUMENT, CONSENT_SCOPE_NAMES } from '@anxin/common';

/** The scopes in the order they are asked: the two required first. */
export const SCOPES = CONSENT_SCOPE_NAMES;
export const SCOPE_DOCUMENT = CONSENT_SCOPE_DOCUMENT;
