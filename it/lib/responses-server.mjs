// A scripted model speaking the OpenAI Responses API (SSE) on 127.0.0.1, for driving the real
// Codex CLI offline. Every request body is logged; a script decides each answer from the request,
// so multi-step turns (call a tool, read its output, answer) work.
//
//   const srv = await responsesServer((req) => req.lastOutput('call_1') ? [message('done')] : [call('exec_command', {cmd: 'false'}, 'call_1')]);
//   srv.url        http://127.0.0.1:PORT/v1  (for config.toml's base_url)
//   srv.requests   parsed bodies of every POST /v1/responses, in order
//   await srv.close()
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** An assistant message item. */
export function message(text) {
  return { type: 'message', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
}

/** A function_call item; args is an object (sent JSON-encoded, as the real API does). */
export function call(name, args, callId) {
  return { type: 'function_call', name, call_id: callId, arguments: JSON.stringify(args) };
}

/** Helpers over one request body, for scripts and assertions. */
export function view(body) {
  const input = Array.isArray(body?.input) ? body.input : [];
  const texts = (item) =>
    typeof item.content === 'string'
      ? [item.content]
      : (Array.isArray(item.content) ? item.content : []).map((c) => c?.text).filter((t) => typeof t === 'string');
  return {
    body,
    input,
    /** The output of a function call, by call id (string; arrays joined), or undefined. */
    output(callId) {
      const o = input.find((i) => i.type === 'function_call_output' && i.call_id === callId);
      if (!o) return undefined;
      return typeof o.output === 'string' ? o.output : JSON.stringify(o.output);
    },
    /** The last function_call_output item of the request, or undefined. */
    lastOutput() {
      return [...input].reverse().find((i) => i.type === 'function_call_output');
    },
    /** Whether the last input item is a function_call_output (the model is mid-turn). */
    afterToolCall() {
      const last = input[input.length - 1];
      return last?.type === 'function_call_output';
    },
    /** Texts of messages with ROLE ('user', 'developer', …), in order. */
    texts(role) {
      return input.filter((i) => i.type === 'message' && i.role === role).flatMap(texts);
    },
    /** The text of the last user message. */
    lastUserText() {
      const t = this.texts('user');
      return t[t.length - 1];
    },
    /** Names of the tools offered (namespaced tools as ns/name). */
    toolNames() {
      return (body?.tools || []).flatMap((t) =>
        t.type === 'namespace' ? (t.tools || []).map((x) => `${t.name}/${x.name}`) : [t.name || t.type],
      );
    },
  };
}

/**
 * Starts the server. script(view(body), n) returns the output items of the n-th (0-based) request
 * since the script was set; it may throw to fail the request with a 500 (kept in srv.errors).
 * srv.setScript(fn) swaps the script for the next agent run and returns the index its requests start at.
 * With logFile, each request body is also appended there as one JSON line (kept with FSS_IT_KEEP=1).
 */
export async function responsesServer(script = () => [message('ok')], { logFile } = {}) {
  let current = script;
  let base = 0;
  const requests = [];
  const errors = [];
  let seq = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url.endsWith('/responses')) {
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
      let items;
      try {
        items = current(view(body), n - base) || [];
      } catch (e) {
        errors.push(e);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(e?.message || e) } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const id = `resp_${seq++}`;
      const send = (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      const response = { id, object: 'response', status: 'in_progress', model: body.model, output: [] };
      send('response.created', { response });
      items.forEach((item, i) => {
        const done = { id: `item_${n}_${i}`, status: 'completed', ...item };
        send('response.output_item.added', { output_index: i, item: { ...done, status: 'in_progress' } });
        send('response.output_item.done', { output_index: i, item: done });
      });
      send('response.completed', {
        response: {
          ...response,
          status: 'completed',
          output: items,
          usage: {
            input_tokens: 10,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 5,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 15,
          },
        },
      });
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
      base = requests.length;
      return base;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
