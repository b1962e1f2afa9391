// The errors ECS would reject the previewed files for: named above any result, the first one linked.
import type { InputErrors } from '../../../server/src/protocol';
import { h } from './dom';

/** "web-task-def.json has 2 errors ECS would reject it for; the first, on line 4:" */
export function inputErrorsLead(errors: InputErrors): string {
  const name = decodeURIComponent(errors.first.uri.slice(errors.first.uri.lastIndexOf('/') + 1));
  const count = errors.count === 1 ? 'an error' : `${errors.count} errors`;
  return `${name} has ${count} ECS would reject it for${errors.count === 1 ? '' : '; the first'}, on line ${errors.first.line + 1}:`;
}

export function renderInputErrors(errors: InputErrors | undefined): HTMLElement | string {
  if (!errors) return '';
  return h(
    'div',
    { class: 'banner error', role: 'alert', id: 'input-errors' },
    h(
      'p',
      null,
      `${inputErrorsLead(errors)} `,
      h(
        'button',
        { type: 'button', class: 'link', 'data-uri': errors.first.uri, title: 'Open the file' },
        `${errors.first.code}: ${errors.first.message}`,
      ),
    ),
    h('p', { class: 'muted' }, 'The result below is what ECS would do once they are fixed.'),
  );
}
