import { test } from 'node:test';
import { fails, fargateTask, passes, task } from './helpers';

test('resources.container-memory-required: task memory or container memory suffices', () => {
  passes('resources.container-memory-required', task());
  passes('resources.container-memory-required', task({ memory: '1024' }, { memory: undefined }));
  passes('resources.container-memory-required', task({}, { memory: undefined, memoryReservation: 128 }));
});

test('resources.container-memory-required: no memory anywhere is reported on the container name', () => {
  fails('resources.container-memory-required', task({}, { memory: undefined }), ['"app"']);
});

test('resources.reservation-above-memory', () => {
  passes('resources.reservation-above-memory', task({}, { memory: 512, memoryReservation: 256 }));
  fails('resources.reservation-above-memory', task({}, { memory: 512, memoryReservation: 1024 }), ['1024']);
});

test('resources.container-memory-minimum: under 6 MiB', () => {
  passes('resources.container-memory-minimum', task({}, { memory: 6 }));
  fails('resources.container-memory-minimum', task({}, { memory: 4 }), ['4']);
});

test('resources.memory-sum: reservations add up within the task memory', () => {
  const two = (a: number, b: number) => ({
    ...fargateTask({ memory: '1024', cpu: '512' }),
    containerDefinitions: [
      { name: 'a', image: 'a', memory: a },
      { name: 'b', image: 'b', memoryReservation: b },
    ],
  });
  passes('resources.memory-sum', two(512, 512));
  fails('resources.memory-sum', two(768, 512), ['"1024"']);
  // A container above the task memory is one mistake: reported on the container, not again as the total.
  fails('resources.memory-sum', fargateTask({ memory: '512' }, { memory: 1024 }), ['1024']);
});

test('resources.cpu-sum: container cpu within task cpu', () => {
  passes('resources.cpu-sum', fargateTask({ cpu: '1 vCPU', memory: '2048' }, { cpu: 1024 }));
  fails('resources.cpu-sum', fargateTask({ cpu: '256' }, { cpu: 512 }), ['"256"']);
});

test('resources.task-cpu-range: EC2 task cpu 128–196608', () => {
  passes('resources.task-cpu-range', task({ cpu: '128' }));
  fails('resources.task-cpu-range', task({ cpu: '64' }), ['"64"']);
  fails('resources.task-cpu-range', task({ cpu: '200000' }), ['"200000"']);
  passes('resources.task-cpu-range', fargateTask({ cpu: '64' }));
});
