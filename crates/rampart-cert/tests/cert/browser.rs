//! In the browser: keys come from `crypto.getRandomValues`, and issuing and
//! verifying work the same as natively. Run with
//! `cargo test -p rampart-cert --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use rampart_cert::{CheckName, CheckStatus, KeyPair, verify};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use crate::util::{World, input, issued_at};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn keys_are_random_in_the_browser() {
    let a = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    let b = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(a.did(), b.did());
    let back = KeyPair::from_json(&a.to_json()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.did(), a.did());
}

#[wasm_bindgen_test]
fn a_self_issued_credential_round_trips_in_the_browser() {
    let me = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    let mut inp = input(&me, true, false);
    inp.learner.id = Some(me.did());
    let text =
        rampart_cert::credential::issue(&inp, &me, issued_at()).unwrap_or_else(|e| panic!("{e}"));
    let world = World::new();
    let report = verify(&text, &world.ctx());
    for check in &report.checks {
        let want = match check.name {
            CheckName::TrustedIssuer | CheckName::Revocation => CheckStatus::NotChecked,
            _ => CheckStatus::Pass,
        };
        assert_eq!(check.status, want, "{report}");
    }
}
