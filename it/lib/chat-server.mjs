// A scripted model speaking the OpenAI Chat Completions API (SSE) on 127.0.0.1, for driving the
// real OpenCode offline (its "@ai-sdk/openai-compatible" provider). Every request body is logged; a
// script decides each answer from the request, so multi-step turns (call a tool, read its result,
// answer) work. Requests without tools (OpenCode's title and compaction side calls) get a short
// text unless the script answers them too (pass { sideCalls: true }).
//
//   const srv = await chatServer((req) => req.output('call_1') ? text('done') : call('bash', {command: 'false'}, 'call_1'));
//   srv.url        http://127.0.0.1:PORT/v1  (for opencode.json's provider baseURL)
//   srv.requests   parsed bodies of every POST /v1/chat/completions, in order
//   await srv.close()
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** An answer of plain text. */
export function text(value) {
  return { text: value, calls: [] };
}

/** An answer that calls one tool; args is an object (sent JSON-encoded, as the real API does). */
export function call(name, args, id) {
  return { text: '', calls: [{ id, name, args }] };
}

/** Helpers over one request body, for scripts and assertions. */
export function view(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const texts = (m) =>
    typeof m.content === 'string'
      ? [m.content]
      : (Array.isArray(m.content) ? m.content : []).map((c) => c?.text).filter((t) => typeof t === 'string');
  return {
    body,
    messages,
    /** Whether tools were offered (a real turn, not a title or compaction side call). */
    hasTools() {
      return Array.isArray(body?.tools) && body.tools.length > 0;
    },
    /** The result of a tool call, by call id, or undefined. */
    output(callId) {
      const m = messages.find((x) => x.role === 'tool' && x.tool_call_id === callId);
      return m ? texts(m).join('\n') : undefined;
    },
    /** Whether the last message is a tool result (the model is mid-turn). */
    afterToolCall() {
      return messages[messages.length - 1]?.role === 'tool';
    },
    /** Texts of messages with ROLE ('system', 'user', 'assistant', 'tool'), in order. */
    texts(role) {
      return messages.filter((m) => m.role === role).flatMap(texts);
    },
    /** Everything the model was sent, as one string (for "does it carry X" assertions). */
    all() {
      return messages.flatMap(texts).join('\n');
    },
    toolNames() {
      return (body?.tools || []).map((t) => t?.function?.name || t?.type);
    },
  };
}

/**
 * Starts the server. script(view(body), n) returns text(...) or call(...) for the n-th (0-based)
 * request with tools since the script was set; it may throw to fail the request with a 500 (kept
 * in srv.errors). srv.setScript(fn) swaps the script and returns the index its requests start at.
 * With logFile, each request body is also appended there as one JSON line.
 */
export async function chatServer(script = () => text('ok'), { logFile, sideCalls = false } = {}) {
  let current = script;
  let base = 0;
  let turns = 0;
  const requests = [];
  const errors = [];
  let seq = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"not found"}}');
        return;
      }
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        body = { unparsed: raw };
      }
      const n = requests.length;
      requests.push(body);
      if (logFile) appendFileSync(logFile, JSON.stringify({ n, at: new Date().toISOString(), body }) + '\n');
      const v = view(body);
      let answer;
      try {
        if (!v.hasTools() && !sideCalls) {
          answer = text('Refund work');
        } else {
          answer = current(v, turns++ - base) || text('');
        }
      } catch (e) {
        errors.push(e);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(e?.message || e) } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const id = `chatcmpl-${seq++}`;
      const created = Math.floor(Date.now() / 1000);
      const chunk = (delta, finish, extra = {}) =>
        res.write(
          `data: ${JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created,
            model: body.model || 'mock-model',
            choices: [{ index: 0, delta, finish_reason: finish }],
            ...extra,
          })}\n\n`,
        );
      chunk({ role: 'assistant', content: '' }, null);
      if (answer.text) chunk({ content: answer.text }, null);
      answer.calls.forEach((c, i) =>
        chunk(
          {
            tool_calls: [
              { index: i, id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } },
            ],
          },
          null,
        ),
      );
      chunk({}, answer.calls.length ? 'tool_calls' : 'stop', {
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      });
      res.write('data: [DONE]\n\n');
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    errors,
    /** view() of every logged request, or of those from index FROM on. */
    views(from = 0) {
      return requests.slice(from).map(view);
    },
    setScript(fn) {
      current = fn;
      base = turns;
      return requests.length;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
