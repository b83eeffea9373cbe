//! `Cancellation`: what `index.js` turns an `AbortSignal` into, shared by a wait and a batch (a leaf, so the
//! client and the batch need not import each other).

use napi_derive::napi;
use tokio_util::sync::CancellationToken;

/// A cancellation flag shared with a running `wait`: `cancel()` ends it with a payload of kind `cancelled`.
#[napi]
#[derive(Debug, Default)]
pub struct Cancellation {
    pub(crate) token: CancellationToken,
}

#[napi]
impl Cancellation {
    #[napi(constructor, catch_unwind)]
    pub fn new() -> Self {
        Cancellation::default()
    }

    /// Cancels every wait this was given to.
    #[napi(catch_unwind)]
    pub fn cancel(&self) {
        self.token.cancel();
    }
}
