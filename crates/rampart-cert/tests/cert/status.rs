//! Bitstring Status List interop and the signed list credential.

use rampart_cert::StatusList;
use rampart_cert::eddsa;
use rampart_cert::json;
use rampart_cert::status::{self, StatusError};

use crate::util::{fixture, institution, status_list};

#[test]
fn reads_a_list_gzipped_by_python() {
    let v = json::parse(&fixture("status-list/python-gzip.json")).unwrap_or_else(|e| panic!("{e}"));
    let list = StatusList::decode(v["encodedList"].as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list.len(), 131_072);
    let set: Vec<usize> = (0..list.len())
        .filter(|&i| list.get(i) == Ok(true))
        .collect();
    assert_eq!(set, [0, 7, 42, 131_071]);
}

#[test]
fn encode_decode_round_trip_and_minimum_size() {
    let mut list = StatusList::with_len(2 * 131_072).unwrap_or_else(|e| panic!("{e}"));
    for i in [1, 99, 262_143] {
        assert_eq!(list.set(i, true), Ok(()));
    }
    assert_eq!(list.set(3, true), Ok(()));
    assert_eq!(list.set(3, false), Ok(()));
    let encoded = list.encode();
    assert!(encoded.starts_with("uH4sI"), "{encoded}");
    assert!(!encoded.contains('='));
    assert_eq!(StatusList::decode(&encoded), Ok(list));
    assert_eq!(StatusList::decode("zabc").map_err(|e| e.to_string()), Err("encodedList is not multibase base64url: the multibase value starts with 'z'; expected 'u' (base64url without padding)".to_string()));
    assert_eq!(
        StatusList::with_len(131_071),
        Err(StatusError::BadLength(131_071))
    );
}

#[test]
fn the_list_credential_is_signed_like_a_credential() {
    let text = status_list(&[5]);
    let v = json::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["type"][1], "BitstringStatusListCredential");
    assert_eq!(v["credentialSubject"]["type"], "BitstringStatusList");
    assert_eq!(v["credentialSubject"]["statusPurpose"], "revocation");
    assert_eq!(v["issuer"], institution().did());
    let proofs = eddsa::proofs_of(&v).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        eddsa::verify_proof(
            &v,
            proofs[0],
            &institution().public_key(),
            "assertionMethod"
        ),
        Ok(())
    );
    let list = StatusList::decode(
        v["credentialSubject"]["encodedList"]
            .as_str()
            .unwrap_or_default(),
    );
    assert_eq!(
        list.map(|l| (l.get(4), l.get(5), l.get(6), l.get(7))),
        Ok((Ok(true), Ok(true), Ok(true), Ok(false)))
    );
    let entry = status::entry("https://x.example/s", 9, "revocation");
    assert_eq!(entry.id, "https://x.example/s#9");
    assert_eq!(entry.status_list_index, "9");
}
