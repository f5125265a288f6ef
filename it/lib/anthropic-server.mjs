// A scripted model server speaking the Anthropic Messages API (SSE streaming) on 127.0.0.1, for
// driving the real Claude Code offline (shared/reference/claude-code.md, addendum 2026-12-01).
//
//   const model = await anthropicServer((req) => ({ text: 'Hello.' }), { logFile });
//   env.ANTHROPIC_BASE_URL = model.url;
//
// Every request is logged (model.requests, and one JSON line each in logFile when given):
// {n, at, method, path, kind, body}. kind is 'main' (a call with tools: the agent's turn),
// 'compact' (the summarisation request of /compact), 'side' (no tools: titles and the like) or
// 'other' (anything but POST /v1/messages). Only 'main' calls reach the script; 'compact' calls are
// answered with a summary, 'side' calls with a short text.
//
// The script is a function (req) => reply, or a list of replies used in turn, one per main call.
// req is {body, n, lastMessage (the last user message), toolResults (its tool_result blocks:
// {id, isError, text}), lastText (its text blocks), text (the whole body as JSON)}; a reply is
//   { text: 'Done.' }                                   a text answer, stop_reason end_turn
//   { tools: [{ name: 'Bash', input: {...} }], text? }   tool calls (text first), stop_reason tool_use
//   { blocks: [...], stop_reason: '...' }                  raw content blocks, as given
//   { hang: true }                                        never answers (the client is killed)
// A list that runs out answers 'Done.'.
import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';

const COMPACT = /create a detailed summary of the conversation|summary of the conversation so far|your task is to (?:create|write) a (?:detailed )?summary/i;

/** Starts the server; resolves with {url, port, requests, main(), close()}. */
export async function anthropicServer(script, { logFile, summary = DEFAULT_SUMMARY } = {}) {
  const requests = [];
  const pick = typeof script === 'function' ? script : listScript(script);
  let ids = 0;
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
    const messages = req.method === 'POST' && path === '/v1/messages';
    const kind = !messages ? 'other' : isCompact(body) ? 'compact' : hasTools(body) ? 'main' : 'side';
    const entry = { n: requests.length + 1, at: new Date().toISOString(), method: req.method, path, kind, body };
    requests.push(entry);
    if (logFile) appendFileSync(logFile, JSON.stringify(entry) + '\n');

    if (!messages) {
      if (path === '/v1/messages/count_tokens') return json(res, 200, { input_tokens: 100 });
      return json(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no ${path} here` } });
    }
    let reply;
    if (kind === 'compact') reply = { text: summary };
    else if (kind === 'side') reply = { text: 'Scripted session' };
    else {
      try {
        reply = pick(request(body, entry.n)) || { text: 'Done.' };
      } catch (e) {
        reply = { text: `script error: ${e.message}` };
      }
    }
    if (reply.hang) {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    const message = toMessage(reply, body, `msg_it_${++ids}`);
    if (body && body.stream) sse(res, message);
    else json(res, 200, message);
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

const DEFAULT_SUMMARY = `<analysis>Scripted.</analysis>
<summary>
1. Primary Request and Intent:
   The scripted request.

7. Pending Tasks:
   - the scripted pending task

8. Current Work:
   The scripted current work.
</summary>`;

/** A reply list used in turn, one per main call. */
function listScript(list) {
  let i = 0;
  return () => (i < list.length ? list[i++] : { text: 'Done.' });
}

/** What a script looks at: the body, and the last message taken apart. */
function request(body, n) {
  const msgs = (body && body.messages) || [];
  // Claude Code 2.1.3xx also sends mid-conversation "system" turns: the last user message decides
  const lastMessage = msgs.filter((m) => m && m.role === 'user').at(-1) || null;
  const blocks = lastMessage && Array.isArray(lastMessage.content) ? lastMessage.content : [];
  const toolResults = blocks.filter((b) => b && b.type === 'tool_result').map((b) => ({
    id: b.tool_use_id,
    isError: !!b.is_error,
    text: typeof b.content === 'string' ? b.content : (b.content || []).map((c) => c.text || '').join('\n'),
  }));
  const lastText =
    lastMessage && typeof lastMessage.content === 'string'
      ? lastMessage.content
      : blocks.filter((b) => b && b.type === 'text').map((b) => b.text).join('\n');
  return { body, n, lastMessage, toolResults, lastText, text: JSON.stringify(body) };
}

function hasTools(body) {
  return !!(body && Array.isArray(body.tools) && body.tools.length > 0);
}

function isCompact(body) {
  const last = body && Array.isArray(body.messages) ? body.messages.filter((m) => m && m.role === 'user').at(-1) : null;
  if (!last) return false;
  const text = typeof last.content === 'string' ? last.content : JSON.stringify(last.content || '');
  return COMPACT.test(text);
}

let toolIds = 0;
function toMessage(reply, body, id) {
  let content = reply.blocks;
  let stop = reply.stop_reason;
  if (!content) {
    content = [];
    if (reply.text) content.push({ type: 'text', text: reply.text });
    for (const t of reply.tools || []) {
      content.push({ type: 'tool_use', id: t.id || `toolu_it_${++toolIds}`, name: t.name, input: t.input || {} });
    }
    stop = stop || (reply.tools && reply.tools.length ? 'tool_use' : 'end_turn');
  }
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: (body && body.model) || 'claude-scripted',
    content,
    stop_reason: stop || 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 20, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

/** The message as the streaming API sends it: start, each block (text or tool input in pieces), stop. */
function sse(res, m) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('message_start', {
    type: 'message_start',
    message: { ...m, content: [], stop_reason: null, usage: { ...m.usage, output_tokens: 1 } },
  });
  m.content.forEach((b, index) => {
    if (b.type === 'text') {
      send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      for (const piece of pieces(b.text)) {
        send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
      }
    } else if (b.type === 'tool_use') {
      send('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} },
      });
      for (const piece of pieces(JSON.stringify(b.input))) {
        send('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: piece },
        });
      }
    } else {
      send('content_block_start', { type: 'content_block_start', index, content_block: b });
    }
    send('content_block_stop', { type: 'content_block_stop', index });
  });
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: m.stop_reason, stop_sequence: null },
    usage: { output_tokens: m.usage.output_tokens },
  });
  send('message_stop', { type: 'message_stop' });
  res.end();
}

/** Two or three pieces, so the client really assembles deltas. */
function pieces(s) {
  if (s.length < 8) return [s];
  const a = Math.floor(s.length / 3);
  return [s.slice(0, a), s.slice(a, 2 * a), s.slice(2 * a)];
}

function json(res, status, obj) {
  const data = JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function readAll(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
