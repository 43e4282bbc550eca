//! Plain types behind the UI, tested natively.

pub mod answer;
pub mod audit;
pub mod certificate;
pub mod editor;
pub mod lms;
pub mod progress;
pub mod qr;
pub mod syntax;
pub mod verify;
