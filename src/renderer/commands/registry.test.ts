import { describe, expect, it, vi } from 'vitest';
import { bindingsOf, commandForKey } from './keybindings';
import { menuModel } from './menu-model';
import { CommandRegistry } from './registry';
import type { Command } from './types';

function cmd(id: string, extra: Partial<Command> = {}): Command {
  return { id, title: id, category: 'Test', run: () => undefined, ...extra };
}

describe('CommandRegistry', () => {
  it('lists registered commands until they are unregistered, and notifies', () => {
    const registry = new CommandRegistry();
    const seen = vi.fn();
    registry.subscribe(seen);
    const off = registry.register([cmd('a'), cmd('b')]);
    expect(registry.list().map((c) => c.id)).toEqual(['a', 'b']);
    off();
    expect(registry.list()).toEqual([]);
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('lets a later registration of an id win, and restores the earlier one when it goes', () => {
    const registry = new CommandRegistry();
    const first = vi.fn();
    const second = vi.fn();
    registry.register([cmd('edit.undo', { run: first })]);
    const off = registry.register([cmd('edit.undo', { run: second })]);
    expect(registry.list()).toHaveLength(1);
    registry.run('edit.undo');
    expect(second).toHaveBeenCalledOnce();
    off();
    registry.run('edit.undo');
    expect(first).toHaveBeenCalledOnce();
  });

  it('keeps the first-seen order when a command re-registers with new closures', () => {
    const registry = new CommandRegistry();
    const offA = registry.register([cmd('a')]);
    registry.register([cmd('b')]);
    offA();
    registry.register([cmd('a')]);
    expect(registry.list().map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('runs only enabled, known commands and says whether it ran', () => {
    const registry = new CommandRegistry();
    const run = vi.fn();
    let enabled = false;
    registry.register([cmd('x', { run, when: () => enabled })]);
    expect(registry.run('x')).toBe(false);
    enabled = true;
    expect(registry.run('x')).toBe(true);
    expect(registry.run('nope')).toBe(false);
    expect(run).toHaveBeenCalledOnce();
  });

  it('hands thrown and rejected failures to the error handler', async () => {
    const registry = new CommandRegistry();
    const errors: string[] = [];
    registry.onError((e, c) => errors.push(`${c.id}: ${(e as Error).message}`));
    registry.register([
      cmd('throws', {
        run: () => {
          throw new Error('boom');
        },
      }),
      cmd('rejects', { run: () => Promise.reject(new Error('later')) }),
    ]);
    registry.run('throws');
    registry.run('rejects');
    await vi.waitFor(() => expect(errors).toEqual(['throws: boom', 'rejects: later']));
  });
});

describe('keyboard dispatch', () => {
  const ctrlZ = { key: 'z', code: 'KeyZ', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false };
  const outside = { typing: false, inDialog: false };

  it('finds the enabled command bound to a chord, the latest registration first', () => {
    const a = cmd('a', { keys: ['Mod+Z'] });
    const b = cmd('b', { keys: ['Mod+Z'] });
    const bindings = bindingsOf([a, b], false, () => undefined);
    expect(commandForKey(bindings, ctrlZ, outside, () => true)?.id).toBe('b');
    expect(commandForKey(bindings, ctrlZ, outside, (c) => c.id !== 'b')?.id).toBe('a');
  });

  it('leaves keys typed in fields and dialogs alone unless the command allows it', () => {
    const undo = cmd('edit.undo', { keys: ['Mod+Z'] });
    const save = cmd('file.save', { keys: ['Mod+S'], allowInInputs: true });
    const bindings = bindingsOf([undo, save], false, () => undefined);
    expect(commandForKey(bindings, ctrlZ, { typing: true, inDialog: false }, () => true)).toBeUndefined();
    expect(commandForKey(bindings, ctrlZ, { typing: false, inDialog: true }, () => true)).toBeUndefined();
    const ctrlS = { ...ctrlZ, key: 's', code: 'KeyS' };
    expect(commandForKey(bindings, ctrlS, { typing: true, inDialog: false }, () => true)?.id).toBe('file.save');
  });

  it('reports a command with a chord nobody can type, and keeps the others', () => {
    const problems: string[] = [];
    const bindings = bindingsOf([cmd('bad', { keys: ['Ctrl+Hyper+K'] }), cmd('ok', { keys: ['F5'] })], false, (m) =>
      problems.push(m),
    );
    expect(bindings.map((b) => b.command.id)).toEqual(['ok']);
    expect(problems[0]).toMatch(/^command bad: bad key chord "Ctrl\+Hyper\+K"/);
  });
});

describe('menuModel', () => {
  it('orders menus and items, marks separators and disabled items, gives accelerators', () => {
    const model = menuModel(
      [
        cmd('help.about', { menu: 'Help', title: 'About' }),
        cmd('file.save', { menu: 'File', title: 'Save', keys: ['Mod+S'], order: 20, group: 'save' }),
        cmd('file.new', { menu: 'File', title: 'New Workflow', keys: ['Mod+N'], order: 10, group: 'new' }),
        cmd('file.export', { menu: 'File', title: 'Export…', order: 30, group: 'save', when: () => false }),
        cmd('palette', { title: 'Not in a menu' }),
      ],
      (c) => c.when?.() ?? true,
    );
    expect(model.map((m) => m.menu)).toEqual(['File', 'Help']);
    expect(model[0]?.items).toEqual([
      { id: 'file.new', label: 'New Workflow', accelerator: 'CmdOrCtrl+N', enabled: true, separatorBefore: false },
      { id: 'file.save', label: 'Save', accelerator: 'CmdOrCtrl+S', enabled: true, separatorBefore: true },
      { id: 'file.export', label: 'Export…', enabled: false, separatorBefore: false },
    ]);
  });
});
