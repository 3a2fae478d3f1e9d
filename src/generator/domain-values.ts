/** Fixed pools of realistic values; addresses are documentation or private ranges, never real. */

/** ~20 RFC 1918 node addresses; a node's index also names its workers. */
export const NODE_IPS: readonly string[] = Array.from(
  { length: 20 },
  (_, index) => `10.20.${Math.floor(index / 8)}.${11 + (index % 8) * 7}`,
);

/** Client address blocks from RFC 5737 (IPv4) and RFC 3849 (IPv6). */
export const IPV4_DOC_PREFIXES: readonly string[] = ['192.0.2', '198.51.100', '203.0.113'];

export const CLI_PLATFORMS: readonly string[] = [
  '(linux; x86_64) python/3.11.7',
  '(darwin; arm64) python/3.12.2',
  '(linux; aarch64) python/3.11.7',
  '(windows; amd64) python/3.10.11',
];
export const CLI_PRODUCTS: readonly string[] = ['acme', 'cloudctl', 'opsctl'];
export const CLI_VERSIONS: readonly string[] = ['2.4.1', '2.4.0', '2.3.7'];

/** Sizes a VM can have, smallest first within each family. */
export const VM_SIZES: readonly string[] = [
  'standard-2',
  'standard-4',
  'standard-8',
  'highmem-4',
  'highmem-16',
  'gpu-a10-1',
];
/** GPU sizes exist only in these regions (a resize elsewhere is refused). */
export const GPU_REGIONS: readonly string[] = ['us-east-1', 'eu-west-1'];
export const VM_IMAGES: readonly string[] = [
  'ubuntu-22.04',
  'ubuntu-24.04',
  'debian-12',
  'rocky-9',
  'windows-2022',
];
/** Regions with nodes; every VM runs in one of them. */
export const REGIONS: readonly string[] = ['eu-west-1', 'eu-central-1', 'us-east-1'];
export const TIMEZONES: readonly string[] = [
  'Europe/Berlin',
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Warsaw',
  'America/New_York',
  'America/Chicago',
  'UTC',
];
export const PROJECT_WORDS: readonly string[] = [
  'analytics',
  'billing',
  'checkout',
  'data-lake',
  'edge',
  'identity',
  'ingest',
  'ml-training',
  'payments',
  'reporting',
  'search',
  'storefront',
  'telemetry',
  'web',
];
