//! `imsmanifest.xml`: the IMS Content Packaging manifest an LMS reads to
//! import a SCORM package. One organization with one item, launched from
//! one SCO resource (`index.html`) that lists every file of the package.
//!
//! SCORM 1.2 uses the ADL CP 1.2 binding (`adlcp_rootv1p2`,
//! `adlcp:scormtype`); SCORM 2004 4th Edition the `adlcp_v1p3` binding
//! (`adlcp:scormType`) with default sequencing. There is deliberately no
//! `adlcp:masteryscore`: the app decides the lesson status itself (see
//! `app/src/state/lms.rs`), and a mastery score would let the LMS override it.
//! The XSD files named in `xsi:schemaLocation` are not shipped; LMSs do not
//! fetch or need them to import.

use rampart_course::site::Lms;

/// What the manifest names.
pub struct Package<'a> {
    /// The manifest's identifier (letters, digits, `-`, `.`, `_`).
    pub identifier: &'a str,
    /// The course version, as the manifest's `version`.
    pub version: &'a str,
    /// The organization's title: the site name.
    pub organization: &'a str,
    /// The item's title: the site name and the track.
    pub item: &'a str,
    /// Every file of the package except the manifest, sorted, with `/`.
    pub files: &'a [String],
}

pub fn render(lms: Lms, p: &Package) -> String {
    let (root, schemaversion, scorm_type) = match lms {
        Lms::Scorm12 => (
            concat!(
                r#"xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" "#,
                r#"xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" "#,
                r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
                r#"xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "#,
                r#"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "#,
                r#"http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd""#,
            ),
            "1.2",
            "adlcp:scormtype",
        ),
        Lms::Scorm2004 => (
            concat!(
                r#"xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" "#,
                r#"xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" "#,
                r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
                r#"xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "#,
                r#"http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd""#,
            ),
            "2004 4th Edition",
            "adlcp:scormType",
        ),
    };
    let id = escape(p.identifier);
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<manifest identifier=\"{id}\" version=\"{}\" {root}>\n",
        escape(p.version)
    ));
    xml.push_str("  <metadata>\n    <schema>ADL SCORM</schema>\n");
    xml.push_str(&format!(
        "    <schemaversion>{schemaversion}</schemaversion>\n  </metadata>\n"
    ));
    xml.push_str(&format!(
        "  <organizations default=\"{id}-org\">\n    <organization identifier=\"{id}-org\">\n"
    ));
    xml.push_str(&format!(
        "      <title>{}</title>\n",
        escape(p.organization)
    ));
    xml.push_str(&format!(
        "      <item identifier=\"{id}-item\" identifierref=\"{id}-sco\">\n        <title>{}</title>\n      </item>\n",
        escape(p.item)
    ));
    xml.push_str("    </organization>\n  </organizations>\n  <resources>\n");
    xml.push_str(&format!(
        "    <resource identifier=\"{id}-sco\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"index.html\">\n"
    ));
    for file in p.files {
        xml.push_str(&format!(
            "      <file href=\"{}\"/>\n",
            escape(&uri_path(file))
        ));
    }
    xml.push_str("    </resource>\n  </resources>\n</manifest>\n");
    xml
}

/// Escapes text for an XML attribute value or element content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newline are not allowed
            // in XML 1.0 at all; a name never needs them.
            c if c.is_control() && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A package path as a relative URI reference (`href` is an anyURI):
/// percent-encodes everything but unreserved characters and `/`.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_uri_encoded_and_escaped() {
        assert_eq!(uri_path("course/a b&c.json"), "course/a%20b%26c.json");
        assert_eq!(
            escape(r#"R&D <"x"> 'y'"#),
            "R&amp;D &lt;&quot;x&quot;&gt; &apos;y&apos;"
        );
    }
}
