export * from '../../src/sandbox/fake-lark-server.js';
