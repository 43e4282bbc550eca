struct Session {
    user: String,
    tags: Vec<String>,
}

fn longest_tag(tags: &[String]) -> &str {
    let mut best = "";
    for t in tags {
        if t.len() > best.len() {
            best = t;
        }
    }
    best
}

fn first_tag(s: &Session) -> &String {
    let fallback = String::from("none");
    if s.tags.is_empty() {
        return &fallback;
    }
    &s.tags[0]
}

fn main() {
    let mut s = Session { user: String::from("alice"), tags: vec![String::from("admin")] };

    let top = longest_tag(&s.tags);
    s.tags.push(String::from("ops"));
    println!("{top}");

    let name = &s.user;
    s.tags.push(String::from("dev"));
    println!("{name} {}", first_tag(&s));

    let owner = s.user;
    println!("{} has {} tags", s.user, s.tags.len());
    drop(owner);

    let copy = s.tags.clone();
    s.tags.clear();
    println!("{}", copy.len());
}
