import type { Role, User } from '../cast/cast.js';

/** A role change: from `at` on, the user has `role`. */
export interface RoleChange {
  readonly at: number;
  readonly role: Role;
}

/** Every user's role at any time: their starting role, then the changes an admin made. */
export class RoleBook {
  readonly #changes = new Map<User, RoleChange[]>();

  /** Records a change; changes of one user must be recorded in time order. */
  change(user: User, at: number, role: Role): void {
    const list = this.#changes.get(user) ?? [];
    list.push({ at, role });
    this.#changes.set(user, list);
  }

  roleAt(user: User, at: number): Role {
    let role = user.role;
    for (const change of this.#changes.get(user) ?? []) {
      if (change.at > at) break;
      role = change.role;
    }
    return role;
  }

  /** Whether the user may change VMs and tasks at that time. */
  canOperate(user: User, at: number): boolean {
    const role = this.roleAt(user, at);
    return role === 'operator' || role === 'admin';
  }
}
