// The scripted Anthropic Messages server itself, without an agent: what it streams is what the
// Messages API streams, so a failing Claude scenario points at fss or Claude Code, not at the script.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anthropicServer } from './lib/anthropic-server.mjs';

const TOOLS = [{ name: 'Bash', description: 'run', input_schema: { type: 'object' } }];
const servers = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function post(url, body, path = '/v1/messages') {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The SSE stream folded back into a message, as a client does. */
function fold(stream) {
  const events = stream.split('\n\n').filter(Boolean).map((chunk) => {
    const [ev, data] = chunk.split('\n');
    return { event: ev.slice('event: '.length), data: JSON.parse(data.slice('data: '.length)) };
  });
  let message;
  const partial = {};
  for (const { event, data } of events) {
    assert.equal(event, data.type);
    if (event === 'message_start') message = data.message;
    if (event === 'content_block_start') message.content[data.index] = { ...data.content_block };
    if (event === 'content_block_delta' && data.delta.type === 'text_delta') message.content[data.index].text += data.delta.text;
    if (event === 'content_block_delta' && data.delta.type === 'input_json_delta') {
      partial[data.index] = (partial[data.index] || '') + data.delta.partial_json;
    }
    if (event === 'content_block_stop' && partial[data.index] !== undefined) {
      message.content[data.index].input = JSON.parse(partial[data.index]);
    }
    if (event === 'message_delta') message.stop_reason = data.delta.stop_reason;
  }
  return { events: events.map((e) => e.event), message };
}

test('a turn streams its text and tool calls in pieces, with the stop reason the blocks call for', async () => {
  const logFile = join(mkdtempSync(join(tmpdir(), 'fss-it-srv-')), 'requests.jsonl');
  const s = await anthropicServer(
    (req) => (req.toolResults.length ? { text: `saw ${req.toolResults[0].text}` } : { text: 'Planning it.', tools: [{ name: 'Bash', input: { command: 'sh -c "exit 3"' } }] }),
    { logFile },
  );
  servers.push(s);

  const one = await post(s.url, { model: 'm', stream: true, tools: TOOLS, messages: [{ role: 'user', content: 'go' }] });
  const a = fold(one.text);
  assert.equal(one.type, 'text/event-stream');
  assert.deepEqual(a.events.slice(0, 2), ['message_start', 'content_block_start']);
  assert.deepEqual(a.events.slice(-2), ['message_delta', 'message_stop']);
  assert.equal(a.message.stop_reason, 'tool_use');
  assert.equal(a.message.content[0].text, 'Planning it.');
  assert.deepEqual(a.message.content[1].input, { command: 'sh -c "exit 3"' });

  const id = a.message.content[1].id;
  const two = await post(s.url, {
    model: 'm', stream: true, tools: TOOLS,
    messages: [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: a.message.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, is_error: true, content: 'Exit code 3' }] },
      { role: 'system', content: [{ type: 'text', text: 'a mid-conversation system turn' }] },
    ],
  });
  const b = fold(two.text);
  assert.equal(b.message.stop_reason, 'end_turn');
  assert.equal(b.message.content[0].text, 'saw Exit code 3', 'the last user message decides, not a later system turn');

  assert.deepEqual(s.requests.map((r) => r.kind), ['main', 'main']);
  assert.equal(readFileSync(logFile, 'utf8').trim().split('\n').length, 2, 'every request is logged to the file');
});

test('side calls, the compact summary request and other paths are answered without the script', async () => {
  let scripted = 0;
  const s = await anthropicServer(() => {
    scripted++;
    return { text: 'scripted' };
  });
  servers.push(s);

  const title = JSON.parse((await post(s.url, { model: 'm', messages: [{ role: 'user', content: 'title this' }] })).text);
  const compact = fold((await post(s.url, {
    model: 'm', stream: true, tools: TOOLS,
    messages: [{ role: 'user', content: 'Your task is to create a detailed summary of the conversation so far.' }],
  })).text);
  const count = await post(s.url, { messages: [] }, '/v1/messages/count_tokens');
  const other = await post(s.url, {}, '/v1/else');

  assert.equal(title.content[0].text, 'Scripted session');
  assert.match(compact.message.content[0].text, /Pending Tasks/);
  assert.equal(count.status, 200);
  assert.equal(other.status, 404);
  assert.equal(scripted, 0);
  assert.deepEqual(s.requests.map((r) => r.kind), ['side', 'compact', 'other', 'other']);
});
