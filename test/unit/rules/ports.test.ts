import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/service/document';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateDocument } from '../../../server/src/service/validation';
import { staticWorkspace } from '../../../server/src/service/workspace';
import { applyFix, fails, failsAt, passes, task } from './helpers';

const pm = (...mappings: object[]) => ({ portMappings: mappings });

test('ports.host-port-mismatch: awsvpc with equal or omitted hostPort passes', () => {
  passes(
    'ports.host-port-mismatch',
    task({ networkMode: 'awsvpc' }, pm({ containerPort: 80, hostPort: 80 }, { containerPort: 81 })),
  );
  passes('ports.host-port-mismatch', task({ networkMode: 'bridge' }, pm({ containerPort: 80, hostPort: 8080 })));
});

test('ports.host-port-mismatch: reported on hostPort with set and remove fixes', () => {
  const text =
    '{"family":"x","networkMode":"awsvpc","containerDefinitions":[{"name":"a","image":"a","memory":64,"portMappings":[{"containerPort":5601,"hostPort":[|80|]}]}]}';
  const [f] = failsAt('ports.host-port-mismatch', text);
  const doc = text.replace('[|', '').replace('|]', '');
  assert.equal(
    (applyFix(doc, f, 'Set "hostPort" to 5601') as any).containerDefinitions[0].portMappings[0].hostPort,
    5601,
  );
  assert.deepEqual((applyFix(doc, f, 'Remove "hostPort"') as any).containerDefinitions[0].portMappings[0], {
    containerPort: 5601,
  });
  fails('ports.host-port-mismatch', task({ networkMode: 'host' }, pm({ containerPort: 80, hostPort: 8080 })), ['8080']);
});

test('ports.none-network-mode', () => {
  passes('ports.none-network-mode', task({ networkMode: 'none' }));
  const doc = task({ networkMode: 'none' }, pm({ containerPort: 80 }));
  const [f] = fails('ports.none-network-mode', doc, ['"portMappings"']);
  assert.equal((applyFix(doc, f, 'Remove "portMappings"') as any).containerDefinitions[0].portMappings, undefined);
});

test('bridge.reserved-host-port: a reserved static host port is an error in bridge and host mode', () => {
  passes('bridge.reserved-host-port', task({}, pm({ containerPort: 22, hostPort: 2222 })));
  passes('bridge.reserved-host-port', task({}, pm({ containerPort: 22 })));
  fails('bridge.reserved-host-port', task({}, pm({ containerPort: 80, hostPort: 51678 })), ['51678']);
  // With host networking the container port is the host port.
  fails('bridge.reserved-host-port', task({ networkMode: 'host' }, pm({ containerPort: 22 })), ['22']);
  passes('bridge.reserved-host-port', task({ networkMode: 'awsvpc' }, pm({ containerPort: 22 })));
});

test('bridge.ephemeral-host-port: static ports in 49153–65535 warn', () => {
  passes(
    'bridge.ephemeral-host-port',
    task({}, pm({ containerPort: 80, hostPort: 0 }, { containerPort: 81, hostPort: 49152 })),
  );
  const [f] = fails('bridge.ephemeral-host-port', task({}, pm({ containerPort: 80, hostPort: 50000 })), ['50000']);
  assert.equal(f.severity, 'warning');
});

test('ports.duplicate-host-port: same static host port and protocol twice', () => {
  const two = (a: object, b: object) => ({
    family: 'x',
    containerDefinitions: [
      { name: 'a', image: 'a', memory: 64, ...pm(a) },
      { name: 'b', image: 'b', memory: 64, ...pm(b) },
    ],
  });
  passes(
    'ports.duplicate-host-port',
    two({ containerPort: 80, hostPort: 8080 }, { containerPort: 80, hostPort: 8080, protocol: 'udp' }),
  );
  passes('ports.duplicate-host-port', two({ containerPort: 80, hostPort: 0 }, { containerPort: 80 }));
  fails(
    'ports.duplicate-host-port',
    two({ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080 }),
    ['8080'],
  );
  fails('ports.duplicate-host-port', { ...two({ containerPort: 80 }, { containerPort: 80 }), networkMode: 'host' }, [
    '80',
  ]);
});

test('ports.duplicate-container-port: awsvpc shares one interface', () => {
  const two = (a: object, b: object) => ({
    family: 'x',
    networkMode: 'awsvpc',
    containerDefinitions: [
      { name: 'a', image: 'a', memory: 64, ...pm(a) },
      { name: 'b', image: 'b', memory: 64, ...pm(b) },
    ],
  });
  passes('ports.duplicate-container-port', two({ containerPort: 80 }, { containerPort: 81 }));
  fails('ports.duplicate-container-port', two({ containerPort: 80 }, { containerPort: 80 }), ['80']);
});

test('ports.container-port-range', () => {
  passes(
    'ports.container-port-range',
    task({ networkMode: 'awsvpc' }, pm({ containerPortRange: '8000-8010' }, { containerPort: 80 })),
  );
  fails('ports.container-port-range', task({}, pm({ containerPortRange: '9000-8000' })), ['"9000-8000"']);
  fails('ports.container-port-range', task({}, pm({ containerPortRange: '0-10' })), ['"0-10"']);
  fails('ports.container-port-range', task({ networkMode: 'host' }, pm({ containerPortRange: '8000-8010' })), [
    '"8000-8010"',
  ]);
  fails('ports.container-port-range', task({}, pm({ containerPortRange: '8000-8010', hostPort: 8000 })), [
    '"hostPort"',
  ]);
  fails('ports.container-port-range', task({}, pm({ containerPort: 8005 }, { containerPortRange: '8000-8010' })), [
    '"8000-8010"',
  ]);
});

test('ports.mapping-name: format and uniqueness', () => {
  passes('ports.mapping-name', task({}, pm({ containerPort: 80, name: 'web_http-1' })));
  fails('ports.mapping-name', task({}, pm({ containerPort: 80, name: '-web' }, { containerPort: 81, name: 'Web' })), [
    '"-web"',
    '"Web"',
  ]);
  fails('ports.mapping-name', task({}, pm({ containerPort: 80, name: 'web' }, { containerPort: 81, name: 'web' })), [
    '"web"',
  ]);
});

// SDK PortMapping.appProtocol doc comment: no name is required for it; only a Service Connect service's portName
// needs a named mapping (service.port-name).
test('appProtocol without a port-mapping name is valid', () => {
  const doc = parseDocument(
    'file:///w/task-def.json',
    JSON.stringify(task({ networkMode: 'awsvpc' }, pm({ containerPort: 80, appProtocol: 'http' })), null, 2),
  );
  const problems = validateDocument(doc, defaultSettings, staticWorkspace([doc]));
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => p.code),
    [],
  );
});

test('Windows default network mode: no bridge port checks, duplicates still count', () => {
  const win = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL' } };
  passes('bridge.reserved-host-port', task(win, pm({ containerPort: 80, hostPort: 2375 })));
  passes('ports.host-port-mismatch', task(win, pm({ containerPort: 80, hostPort: 8080 })));
  fails(
    'ports.duplicate-host-port',
    task(win, pm({ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080 })),
    ['8080'],
  );
});

test('describe-task-definition output is checked inside its taskDefinition member', () => {
  fails(
    'ports.host-port-mismatch',
    { taskDefinition: task({ networkMode: 'awsvpc', revision: 3 }, pm({ containerPort: 80, hostPort: 81 })) },
    ['81'],
  );
});
