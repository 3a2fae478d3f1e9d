import { h } from './dom.js';
import { problemsOf } from './format.js';

/**
 * What the admin API refused, inline: each violation with where it is (`body.steps.0.status`),
 * what is wrong and the rule; or the one message.
 * @param {unknown} detail the `detail` of the answer, or a message
 * @param {string} title
 */
export function problemList(detail, title) {
  const problems = problemsOf(detail);
  return h(
    'div',
    { class: 'problems' },
    h('p', { class: 'bad' }, `${title}:`),
    h(
      'ul',
      {},
      problems.map((problem) =>
        h(
          'li',
          {},
          problem.where ? [h('code', {}, problem.where), ' '] : null,
          problem.message,
          problem.rule ? h('span', { class: 'muted' }, ` (rule: ${problem.rule})`) : null,
        ),
      ),
    ),
  );
}
