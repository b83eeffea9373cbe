// The ES module entry: the same objects as the CommonJS entry (one copy of each class, so `instanceof` holds
// whichever way a program loads omixa).
import omixa from './index.js'

export const {
  validate,
  validateMany,
  validateLines,
  estimate,
  models,
  loadCatalog,
  Catalog,
  Image,
  Client,
  Videos,
  OmixaError,
  ConfigurationError,
  ValidationError,
  APIError,
  AuthenticationError,
  RateLimitError,
  InvalidResponseError,
  ConnectionError,
  TimeoutError,
  JobFailedError,
  JobNotReadyError,
  CancelledError,
  DownloadError,
  FileError,
  BatchError,
  BatchInputError,
  BudgetRefusedError,
  JournalMismatchError,
  BatchOptionsError,
  JournalError,
} = omixa

export default omixa
