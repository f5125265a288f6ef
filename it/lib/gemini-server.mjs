// A scripted model server speaking the Gemini API (streamGenerateContent?alt=sse) on 127.0.0.1, for
// driving the real Gemini CLI offline (shared/reference/gemini-cli.md).
//
//   const model = await geminiServer((req) => ({ text: 'Hello.' }), { logFile });
//   env.GOOGLE_GEMINI_BASE_URL = model.url;
//
// Every request is logged (model.requests, and one JSON line each in logFile when given):
// {n, at, method, path, kind, body, error?}. kind is 'main' (POST …:streamGenerateContent with tools:
// the agent's turn), 'side' (…:generateContent: history compression, titles, checks), 'count'
// (…:countTokens) or 'other'. Only 'main' calls reach the script; a 'side' call whose system
// instruction asks for a <state_snapshot> is answered with one (the compression), any other with a
// short text. A script that throws ends the turn with a text saying so, and the entry gets the error.
//
// The script is a function (req) => reply, or a list of replies used in turn, one per main call.
// req is {body, n, lastUser (the last user turn's parts), responses (its functionResponse parts:
// {id, name, output}), lastText (its text parts joined), firstText (the first user turn's text),
// text (the whole body as JSON)}; a reply is
//   { text: 'Done.' }                                    a text answer, finishReason STOP
//   { tools: [{ name: 'write_file', args: {...} }], text? } function calls (text first)
//   { hang: true }                                       never answers (the client is killed)
// A list that runs out answers 'Done.'.
import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';

const SNAPSHOT = /state_snapshot/;

/** Starts the server; resolves with {url, port, requests, main(), close()}. */
export async function geminiServer(script, { logFile, summary = 'SNAPSHOT: the scripted work so far' } = {}) {
  const requests = [];
  const pick = typeof script === 'function' ? script : listScript(script);
  const hung = new Set();

  const server = createServer(async (req, res) => {
    const raw = await readAll(req);
    let body = null;
    try {
      body = raw.length ? JSON.parse(raw) : null;
    } catch {
      body = { unparsed: raw.slice(0, 2000) };
    }
    const path = req.url.split('?')[0];
    const method = /:(\w+)$/.exec(path)?.[1] || '';
    const kind = req.method !== 'POST' ? 'other'
      : method === 'streamGenerateContent' ? (hasTools(body) ? 'main' : 'side')
      : method === 'generateContent' ? 'side'
      : method === 'countTokens' ? 'count' : 'other';
    const entry = { n: requests.length + 1, at: new Date().toISOString(), method: req.method, path, kind, body };
    requests.push(entry);
    if (logFile) appendFileSync(logFile, JSON.stringify(entry) + '\n');

    if (kind === 'count') return json(res, 200, { totalTokens: 100 });
    if (kind === 'other') return json(res, 404, { error: { code: 404, message: `no ${path} here`, status: 'NOT_FOUND' } });
    let reply;
    if (kind === 'side') {
      const system = JSON.stringify((body && body.systemInstruction) || '');
      reply = { text: SNAPSHOT.test(system) ? `<state_snapshot>${summary}</state_snapshot>` : 'Scripted session' };
    } else {
      try {
        reply = pick(request(body, entry.n)) || { text: 'Done.' };
      } catch (e) {
        entry.error = e.stack || String(e);
        reply = { text: `script error: ${e.message}` };
      }
    }
    if (reply.hang) {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    const response = toResponse(reply, body);
    if (method === 'streamGenerateContent') sse(res, response);
    else json(res, 200, response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    /** The agent's own turns (calls with tools), in order. */
    main: () => requests.filter((r) => r.kind === 'main'),
    close: () =>
      new Promise((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** A reply list used in turn, one per main call. */
function listScript(list) {
  let i = 0;
  return () => (i < list.length ? list[i++] : { text: 'Done.' });
}

const partsText = (parts) => (parts || []).filter((p) => p && typeof p.text === 'string').map((p) => p.text).join('\n');

/** What a script looks at: the body, and the last user turn taken apart. */
function request(body, n) {
  const contents = (body && body.contents) || [];
  const users = contents.filter((c) => c && c.role === 'user');
  const lastUser = users.at(-1)?.parts || [];
  const responses = lastUser.filter((p) => p && p.functionResponse).map((p) => ({
    id: p.functionResponse.id,
    name: p.functionResponse.name,
    output: JSON.stringify(p.functionResponse.response ?? ''),
  }));
  return { body, n, lastUser, responses, lastText: partsText(lastUser), firstText: partsText(users[0]?.parts),
    text: JSON.stringify(body) };
}

function hasTools(body) {
  return !!(body && Array.isArray(body.tools) && body.tools.some((t) => (t.functionDeclarations || []).length > 0));
}

function toResponse(reply, body) {
  const parts = [];
  if (reply.text) parts.push({ text: reply.text });
  for (const t of reply.tools || []) parts.push({ functionCall: { name: t.name, args: t.args || {} } });
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 20, candidatesTokenCount: 10, totalTokenCount: 30 },
    modelVersion: (body && body.model) || 'gemini-2.5-flash',
  };
}

/** The response as the SSE stream sends it: the text in pieces, then the calls and the finish reason. */
function sse(res, r) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (data) => res.write(`data: ${JSON.stringify(data)}\r\n\r\n`);
  const [candidate] = r.candidates;
  const texts = candidate.content.parts.filter((p) => p.text !== undefined);
  const calls = candidate.content.parts.filter((p) => p.functionCall);
  for (const t of texts) {
    for (const piece of pieces(t.text)) {
      send({ candidates: [{ content: { role: 'model', parts: [{ text: piece }] }, index: 0 }], modelVersion: r.modelVersion });
    }
  }
  send({
    candidates: [{ content: { role: 'model', parts: calls.length ? calls : texts.length ? [] : [{ text: '' }] },
      finishReason: 'STOP', index: 0 }],
    usageMetadata: r.usageMetadata,
    modelVersion: r.modelVersion,
  });
  res.end();
}

function pieces(s) {
  const out = [];
  for (let i = 0; i < s.length; i += 40) out.push(s.slice(i, i + 40));
  return out.length ? out : [''];
}

function json(res, status, value) {
  const data = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function readAll(req) {
  return new Promise((resolve) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (s += d));
    req.on('end', () => resolve(s));
  });
}
