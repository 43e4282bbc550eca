fn main() {
    rampart_app::mount();
}
