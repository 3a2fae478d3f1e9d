/** The people, keys and machines of one world, fixed by its seed. */

export type Role = 'viewer' | 'operator' | 'admin' | 'billing';
export type HttpSource = 'web' | 'cli' | 'api';

/** Where requests come from: one browser, CLI install or API client, at one address. */
export interface Client {
  readonly source: HttpSource;
  readonly ip: string;
  readonly agent: string;
}

export interface User {
  readonly index: number;
  readonly id: number;
  readonly name: string;
  readonly email: string;
  /** Projects the user works in; the first is their main one. */
  readonly projects: readonly string[];
  /** The role at the start of the world; changes are recorded in the user's timeline. */
  readonly role: Role;
  readonly timezone: string;
  /** One or two browsers, each at its own address. */
  readonly browsers: readonly Client[];
  readonly cli: Client | null;
  /** Sessions on a typical working day (uneven: a few people do most of the work). */
  readonly activity: number;
  /** The UTC hour the user's working day starts. */
  readonly firstHour: number;
  readonly loginMethod: 'password' | 'sso' | 'passkey';
  readonly mfa: boolean;
  /** Joins during the world (invited by an admin), else null. */
  readonly joinsAt: number | null;
  /** Leaves during the world (suspended by an admin), else null. */
  readonly leavesAt: number | null;
}

export type KeyPurpose = 'ci-deploy' | 'terraform' | 'grafana-reader' | 'backup-cron';

export interface ApiKey {
  readonly index: number;
  readonly id: string;
  readonly name: KeyPurpose;
  readonly owner: User;
  readonly project: string;
  readonly scopes: readonly string[];
  readonly client: Client;
  /** Before the world's start for most keys; otherwise the owner creates it during the world. */
  readonly createdAt: number;
  readonly expiresInDays: 90 | 365;
  /** Revoked by its owner around this instant, else null. */
  readonly revokedAround: number | null;
}

export interface Node {
  readonly index: number;
  readonly name: string;
  readonly ip: string;
  readonly region: string;
  readonly zone: string;
  readonly cpus: number;
  readonly memoryGb: number;
  /** Worker ids, `worker-<node>-<n>`: a worker always lives on this node. */
  readonly workers: readonly string[];
  /** The worker version before any maintenance upgrades it. */
  readonly version: string;
}

export interface Vm {
  readonly index: number;
  readonly id: string;
  readonly project: string;
  readonly owner: User;
  readonly image: string;
  readonly region: string;
  readonly diskGb: number;
  /** The size it is created with. */
  readonly size: string;
  /** Before the world's start for most VMs. */
  readonly createdAt: number;
  /** Deleted around this instant, else null. */
  readonly deletedAround: number | null;
  /** The scheduler snapshots it every night. */
  readonly nightlySnapshots: boolean;
}

export interface Cast {
  readonly projects: readonly string[];
  readonly users: readonly User[];
  readonly keys: readonly ApiKey[];
  readonly nodes: readonly Node[];
  readonly vms: readonly Vm[];
}
