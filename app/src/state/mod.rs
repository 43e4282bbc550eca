//! Plain types behind the UI, tested natively.

pub mod answer;
pub mod audit;
pub mod editor;
pub mod progress;
pub mod syntax;
