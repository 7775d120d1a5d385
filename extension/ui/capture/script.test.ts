import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import { callScriptSteps, fillScript, scriptText } from './script.ts';

describe('fillScript', () => {
  it.each([
    ['no placeholder', 'Hello there', {}, 'Hello there'],
    [
      'fills known ones',
      'This is {me} from {company}.',
      { me: 'Tara', company: 'Acme' },
      'This is Tara from Acme.',
    ],
    ['leaves unknown ones as blanks', 'Let me hand you to {rep}.', {}, 'Let me hand you to [rep].'],
    ['a blank value is unknown', '{rep}!', { rep: '  ' }, '[rep]!'],
    ['an unsupported placeholder stays a blank', 'Call {who}', { me: 'x' }, 'Call [who]'],
    ['adjacent placeholders', '{me}{company}', { me: 'A', company: 'B' }, 'AB'],
  ])('%s', (_name, template, vars, expected) => {
    expect(scriptText(fillScript(template, vars))).toBe(expected);
  });

  it('marks slots so the UI can style them', () => {
    expect(fillScript('to {rep}.', { rep: 'Ana' })).toEqual([
      { text: 'to ' },
      { slot: 'rep', value: 'Ana' },
      { text: '.' },
    ]);
  });
});

describe('callScriptSteps', () => {
  it('gives intro, overview and transfer in order, filled', () => {
    const steps = callScriptSteps(DEFAULT_SETTINGS.callScript, {
      me: 'Tara',
      company: 'Acme Sales',
      rep: 'Ana',
    });
    expect(steps.map((s) => s.id)).toEqual(['intro', 'overview', 'transfer']);
    expect(scriptText(steps[0]!.parts)).toContain('this is Tara from Acme Sales');
    expect(scriptText(steps[2]!.parts)).toContain('hand you to Ana');
  });

  it('drops a step the team left empty', () => {
    const steps = callScriptSteps({ intro: 'Hi', overview: '', transferPhrase: 'Bye' }, {});
    expect(steps.map((s) => s.id)).toEqual(['intro', 'transfer']);
  });
});
