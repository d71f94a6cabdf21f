import { z } from 'zod';

/**
 * For pages under a strict Content-Security-Policy (no `unsafe-eval`): zod probes `new Function`
 * to decide whether it may compile fast parsers, and the browser reports the blocked probe as a
 * violation even though zod catches it. Import this module before anything that builds schemas.
 * The server does not import it and keeps the compiled parsers.
 */
z.config({ jitless: true });
