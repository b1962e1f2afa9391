/** One table of strategy types and fields: the rule and the simulator accept and refuse the same strategies. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { validateDocument } from '../../../server/src/service/validation';
import { defaultSettings } from '../../../server/src/service/settings';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { simulate } from '../../../server/src/placement';
import { binpackFields, placementStrategyTypes } from '../../../server/src/ecs/placementStrategies';
import { binpackResources, compileStrategies, keepBest, SpreadCounts } from '../../../server/src/placement/strategies';
import { errorText } from '../errorText';

const cluster = {
  instanceGroups: [{ instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], count: 2 }],
};
const taskDefinition = { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx:1.27', memory: 256 }] };

// [strategy, accepted]
const strategies: Array<[Record<string, unknown>, boolean]> = [
  [{ type: 'binpack', field: 'memory' }, true],
  [{ type: 'binpack', field: 'CPU' }, true],
  [{ type: 'binpack', field: 'disk' }, false],
  [{ type: 'binpack' }, false],
  [{ type: 'spread', field: 'instanceId' }, true],
  [{ type: 'spread', field: 'host' }, true],
  [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, true],
  [{ type: 'spread', field: 'attribute:' }, false],
  [{ type: 'spread', field: 'attribute: team' }, false],
  [{ type: 'spread', field: 'zone' }, false],
  [{ type: 'random' }, true],
  [{ type: 'random', field: 'memory' }, false],
];

for (const [strategy, accepted] of strategies) {
  test(`placement strategy ${JSON.stringify(strategy)}: the rule and the simulator ${accepted ? 'accept' : 'refuse'} it`, () => {
    const service = { serviceName: 'web', taskDefinition: 'web', desiredCount: 2, placementStrategy: [strategy] };
    const doc = parseDocument('file:///w/web-service-def.json', JSON.stringify(service, null, 2));
    const codes = validateDocument(doc, defaultSettings, staticWorkspace([doc])).map((p) => p.code);
    assert.equal(codes.includes('service.placement-strategy'), !accepted, codes.join(', '));
    const result = simulate({ taskDefinition, service, cluster });
    assert.equal(
      result.errors.map(errorText).some((e) => /strategy|packs|spreads|random takes/.test(e)),
      !accepted,
      result.errors.map(errorText).join(' / '),
    );
  });
}

test('each binpack field of the ECS table packs on its own resource', () => {
  assert.deepEqual(Object.keys(binpackResources).sort(), [...binpackFields].sort());
  // Little CPU left on a, little memory left on b.
  const a = { index: 0, remainingCpu: 100, remainingMemory: 9000 };
  const b = { index: 1, remainingCpu: 2000, remainingMemory: 100 };
  const instances = [a, b] as never[];
  const kept = (field: string) => {
    const { strategies } = compileStrategies([{ type: 'binpack', field }]);
    return keepBest(strategies[0], instances, new SpreadCounts(strategies, instances)).kept;
  };
  assert.deepEqual(kept('cpu'), [a]);
  assert.deepEqual(kept('memory'), [b]);
});

test('each strategy type of the ECS table runs as itself, with each field it suggests', () => {
  for (const info of placementStrategyTypes) {
    const fields = info.suggestions.length > 0 ? info.suggestions : [undefined];
    for (const field of fields) {
      const { strategies, errors } = compileStrategies([{ type: info.type, field }]);
      assert.deepEqual(errors, [], `${info.type}(${field})`);
      // A strategy's kind is its type, or its type and how it reads the field (spread-instance, spread-attribute).
      assert.equal(strategies[0].kind.split('-')[0], info.type, `${info.type}(${field})`);
    }
  }
});
