pub mod c_exercise;
pub mod editor;
pub mod exercise;
pub mod hints;
pub mod notice;
pub mod quiz;
pub mod spot;
pub mod verdict;
