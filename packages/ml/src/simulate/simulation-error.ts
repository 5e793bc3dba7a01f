export type SimulationErrorCode = 'INVALID_SIMULATION_OPTIONS' | 'STRATEGY_PICKED_NOTHING';

/** An expected failure of an active-learning simulation, with a code callers can switch on. */
export class SimulationError extends Error {
  readonly code: SimulationErrorCode;

  constructor(code: SimulationErrorCode, message: string) {
    super(message);
    this.name = 'SimulationError';
    this.code = code;
  }
}
