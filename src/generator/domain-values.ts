/** Fixed pools of realistic values; addresses are documentation or private ranges, never real. */

/** ~20 RFC 1918 node addresses; a node's index also names its workers. */
export const NODE_IPS: readonly string[] = Array.from(
  { length: 20 },
  (_, index) => `10.20.${Math.floor(index / 8)}.${11 + (index % 8) * 7}`,
);

/** Client address blocks from RFC 5737 (IPv4) and RFC 3849 (IPv6). */
export const IPV4_DOC_PREFIXES: readonly string[] = ['192.0.2', '198.51.100', '203.0.113'];

export const API_CLIENT_AGENTS: readonly string[] = [
  'python-requests/2.31.0',
  'python-httpx/0.27.0',
  'curl/8.5.0',
  'Go-http-client/1.1',
  'Go-http-client/2.0',
  'axios/1.6.8',
];

export const CLI_PLATFORMS: readonly string[] = [
  '(linux; x86_64) python/3.11.7',
  '(darwin; arm64) python/3.12.2',
  '(linux; aarch64) python/3.11.7',
  '(windows; amd64) python/3.10.11',
];

export const CLI_VERSIONS: readonly string[] = ['2.4.1', '2.4.0', '2.3.7'];

export const VM_SIZES: readonly string[] = [
  'standard-2',
  'standard-4',
  'standard-8',
  'highmem-4',
  'highmem-16',
  'gpu-a10-1',
];
export const VM_IMAGES: readonly string[] = [
  'ubuntu-22.04',
  'ubuntu-24.04',
  'debian-12',
  'rocky-9',
  'windows-2022',
];
export const REGIONS: readonly string[] = [
  'eu-west-1',
  'eu-central-1',
  'us-east-1',
  'us-west-2',
  'ap-southeast-1',
];
export const ROLES: readonly string[] = ['viewer', 'operator', 'admin', 'billing'];
export const TASK_KINDS: readonly string[] = [
  'backup',
  'etl.nightly',
  'report.render',
  'image.build',
  'db.vacuum',
];
export const API_KEY_SCOPES: readonly string[] = [
  'vms:read',
  'vms:write',
  'tasks:read',
  'tasks:write',
  'audit:read',
];
