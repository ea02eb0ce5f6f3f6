#!/usr/bin/env node
// Starts a real Bluesky PDS (@atproto/pds) and a local PLC directory
// (@did-plc/server, in-memory database) on loopback for herald's tests.
//
//   node start_pds.js --modules DIR --data DIR
//
// --modules: the directory holding node_modules (install.sh's target).
// --data: an empty directory for the PDS's SQLite files and blobs.
// Environment: HERALD_PDS_ADMIN_PASSWORD (default "admin-pass"),
// HERALD_PDS_RATE_LIMITS ("off" turns the PDS's rate limits off; on by
// default), HERALD_PDS_LOG=FILE (PDS/PLC logs to FILE; off by default).
//
// When both listen it prints one line to stdout and nothing else:
//   READY {"pds_port":N,"plc_port":N,"pds_url":"http://localhost:N","admin_password":"..."}
// It exits when stdin closes (so a test that dies never leaves it
// running), on SIGTERM/SIGINT, and with status 1 (message on stderr) when
// it cannot start.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { createRequire } = require('node:module');

function argument(name) {
  const at = process.argv.indexOf(name);
  if (at < 0 || at + 1 >= process.argv.length) {
    throw new Error(`start_pds.js: missing ${name} DIR`);
  }
  return path.resolve(process.argv[at + 1]);
}

// A port that was free a moment ago: the PDS needs its port before it
// listens (the port is in its public URL and the DID documents it writes).
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function main() {
  const modules = argument('--modules');
  const data = argument('--data');
  const load = createRequire(path.join(modules, 'node_modules', 'start_pds.js'));

  const logFile = process.env.HERALD_PDS_LOG;
  process.env.LOG_ENABLED = logFile ? 'true' : 'false';
  if (logFile) process.env.LOG_DESTINATION = logFile;

  const { PlcServer, Database: PlcDatabase } = load('@did-plc/server');
  const pds = load('@atproto/pds');
  const { Secp256k1Keypair } = load('@atproto/crypto');

  const plc = PlcServer.create({ db: PlcDatabase.mock(), port: 0 });
  const plcServer = await plc.start();
  const plcPort = plcServer.address().port;

  const rotationKey = await Secp256k1Keypair.create({ exportable: true });
  const rotationKeyHex = Buffer.from(await rotationKey.export()).toString('hex');
  const adminPassword = process.env.HERALD_PDS_ADMIN_PASSWORD || 'admin-pass';
  const port = await freePort();
  const blobs = path.join(data, 'blobs');
  fs.mkdirSync(blobs, { recursive: true });

  const env = {
    port,
    hostname: 'localhost',
    devMode: true,
    dataDirectory: data,
    blobstoreDiskLocation: blobs,
    didPlcUrl: `http://127.0.0.1:${plcPort}`,
    serviceHandleDomains: ['.test'],
    inviteRequired: false,
    rateLimitsEnabled: process.env.HERALD_PDS_RATE_LIMITS !== 'off',
    jwtSecret: 'herald-test-jwt-secret',
    adminPassword,
    plcRotationKeyK256PrivateKeyHex: rotationKeyHex,
    crawlers: [],
  };
  const server = await pds.PDS.create(pds.envToCfg(env), pds.envToSecrets(env));
  await server.start();

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    // Whatever happens while closing, exit soon.
    setTimeout(() => process.exit(code), 3000).unref();
    try {
      await server.destroy();
      await plc.destroy();
    } catch (err) {
      process.stderr.write(`start_pds.js: while stopping: ${err && err.stack || err}\n`);
    }
    process.exit(code);
  };
  process.stdin.on('end', () => stop(0));
  process.stdin.on('close', () => stop(0));
  process.stdin.resume();
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));

  process.stdout.write('READY ' + JSON.stringify({
    pds_port: port,
    plc_port: plcPort,
    pds_url: `http://localhost:${port}`,
    admin_password: adminPassword,
  }) + '\n');
}

main().catch((err) => {
  process.stderr.write(`start_pds.js: cannot start the PDS: ${err && err.stack || err}\n`);
  process.exit(1);
});
