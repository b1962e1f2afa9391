import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverExpression } from '../../../server/src/cql';
import { cursor } from './helpers';

function hover(fixture: string) {
  const { text, offset } = cursor(fixture);
  const h = hoverExpression(text, offset);
  return h && { range: text.slice(h.offset, h.offset + h.length), markdown: h.markdown };
}

test('hover on subjects describes them and their operators', () => {
  const h = hover('not(task:gr|oup == database)');
  assert.equal(h?.range, 'task:group');
  assert.match(h.markdown, /Task groups/);
  assert.match(h.markdown, /`!in`/);
  const attr = hover('attribute:ecs.os-t|ype == linux');
  assert.equal(attr?.range, 'attribute:ecs.os-type');
  assert.match(attr.markdown, /built-in/);
  assert.match(attr.markdown, /`linux`, `windows`/);
  assert.match(hover('attribute:st|ack == prod')!.markdown, /custom/);
  assert.equal(hover('bog|us == 1'), undefined);
});

test('hover on operators gives both spellings', () => {
  const h = hover('attribute:ecs.instance-type =|~ g2.*');
  assert.equal(h?.range, '=~');
  assert.match(h.markdown, /`matches`/);
  assert.match(h.markdown, /whole value/);
  assert.match(hover('ec2InstanceId not_i|n [a]')!.markdown, /\*\*!in\*\*/);
});

test('hover on keywords explains precedence', () => {
  assert.match(hover('task:group == a a|nd task:group == b')!.markdown, /tighter than `or`/);
  assert.match(hover('task:group == a |or task:group == b')!.markdown, /loosest/);
  assert.match(hover('n|ot(task:group == a)')!.markdown, /tightest/);
  assert.match(hover('!|(task:group == a)')!.markdown, /negates/);
});

test('hover on values shows how they are read', () => {
  assert.equal(hover('registeredAt < 2018-02-1|3')?.markdown, 'Date: 2018-02-13T00:00:00.000Z (UTC)');
  assert.equal(hover('registeredAt < 2018-06-18T22:28:28+02:0|0')?.markdown, 'Date: 2018-06-18T20:28:28.000Z (UTC)');
  assert.match(hover('agentVersion < 1.1|4.5')!.markdown, /1\.14\.5/);
  assert.match(hover('attribute:ecs.instance-type =~ g2|.*')!.markdown, /Regular expression/);
  assert.equal(hover('task:group == data|base'), undefined);
});

test('hover works on an expression with a later syntax error, and not on whitespace', () => {
  assert.equal(hover('runningTa|sksCount == 1 and (')?.range, 'runningTasksCount');
  assert.equal(hover('task:group ==  |  a'), undefined);
  assert.equal(hoverExpression('', 0), undefined);
});
