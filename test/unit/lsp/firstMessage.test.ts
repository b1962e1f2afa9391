import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstBodyLimit, firstFrame, framed } from '../../../server/src/lsp/firstMessage';

const frame = (body: string, headers = '') =>
  Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`, 'utf8');
const initialize = (id: unknown, params: unknown = { capabilities: {} }) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params });

test('the first frame: an initialize request by its id, read from any prefix of its bytes', () => {
  const whole = frame(initialize(1), 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n');
  assert.deepEqual(firstFrame(whole), { kind: 'initialize', id: 1 });
  for (let cut = 0; cut < whole.length; cut++)
    assert.deepEqual(firstFrame(whole.subarray(0, cut)), { kind: 'partial' });
  assert.deepEqual(firstFrame(Buffer.concat([frame(initialize('a')), frame('{}')])), { kind: 'initialize', id: 'a' });
  assert.deepEqual(firstFrame(frame(initialize(2), 'content-type: application/json; charset=UTF8\r\n')), {
    kind: 'initialize',
    id: 2,
  });
});

test('the first frame: anything else is the library’s to read', () => {
  const other = { kind: 'other' };
  assert.deepEqual(firstFrame(frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'shutdown' }))), other);
  assert.deepEqual(firstFrame(frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialize' }))), other, 'no id');
  assert.deepEqual(firstFrame(frame(initialize(null))), other);
  assert.deepEqual(firstFrame(frame(initialize({}))), other);
  assert.deepEqual(firstFrame(frame(initialize(1, {}))), other, 'no capabilities: the library answers with an error');
  assert.deepEqual(firstFrame(frame(initialize(1, null))), other);
  assert.deepEqual(firstFrame(frame('{"jsonrpc":"2.0","id":1,"method":"initialize"')), other, 'broken JSON');
  assert.deepEqual(firstFrame(frame('[]')), other);
  assert.deepEqual(firstFrame(frame(initialize(1), 'Content-Type: application/json; charset=latin1\r\n')), other);
  assert.deepEqual(firstFrame(Buffer.from(`Content-Lenght: 2\r\n\r\n{}`)), other, 'no Content-Length');
  assert.deepEqual(firstFrame(Buffer.from(`Content-Length: -2\r\n\r\n{}`)), other);
  assert.deepEqual(firstFrame(Buffer.from(`garbage\r\n\r\n{}`)), other);
  // Bounded: a header that never ends, and a body over the limit, are not waited for.
  assert.deepEqual(firstFrame(Buffer.alloc(5000, 'a')), other);
  assert.deepEqual(firstFrame(Buffer.from(`Content-Length: ${firstBodyLimit + 1}\r\n\r\n{`)), other);
});

test('an answer is framed with its length in bytes', () => {
  const bytes = framed({ jsonrpc: '2.0', id: 1, result: { name: 'é' } });
  const text = bytes.toString('utf8');
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  assert.equal(text.slice(0, text.indexOf('\r\n')), `Content-Length: ${Buffer.byteLength(body)}`);
  assert.deepEqual(JSON.parse(body), { jsonrpc: '2.0', id: 1, result: { name: 'é' } });
});
