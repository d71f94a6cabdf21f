// The machine's own limit for the health figure: a bare Fastify with one JSON route, no
// logging, no hooks. Prints its URL like the real server does.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/health', () => ({ status: 'ok' }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`running at ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
