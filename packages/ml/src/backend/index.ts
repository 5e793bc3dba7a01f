export { type BackendCandidate, type BackendName, backendCandidates, wasmFolder } from './candidates';
export {
  type BackendInfo,
  type BackendPreference,
  candidatesFor,
  ensureTensorBackend,
  type InitBackendOptions,
  initBackend,
} from './init-backend';
