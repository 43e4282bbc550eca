//! Plain types behind the UI, tested natively.

pub mod answer;
pub mod editor;
pub mod progress;
