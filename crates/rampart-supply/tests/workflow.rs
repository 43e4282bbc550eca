//! The GitHub Actions workflow analyser, on realistic workflows: what a
//! learner or a `rampart audit` user would see.

use std::time::{Duration, Instant};

use rampart_supply::workflow::{self, Access, Keep, Permissions, Pin};
use rampart_supply::{Finding, InputError, Severity};

// ----- helpers ---------------------------------------------------------------

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/workflow/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[track_caller]
fn audit(text: &str) -> Vec<Finding> {
    match workflow::audit(text) {
        Ok(f) => f,
        Err(e) => panic!("expected the workflow to be read, got: {e}"),
    }
}

#[track_caller]
fn audit_err(text: &str) -> InputError {
    match workflow::audit(text) {
        Ok(f) => panic!("expected an InputError, got findings: {f:#?}"),
        Err(e) => e,
    }
}

/// (rule, line, column) of every finding, in order.
fn summary(findings: &[Finding]) -> Vec<(&str, u32, Option<u32>)> {
    findings
        .iter()
        .map(|f| (f.rule.as_str(), f.line, f.column))
        .collect()
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

fn with_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The single finding of `rule`.
#[track_caller]
fn one<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    let found = with_rule(findings, rule);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one {rule}, got {found:#?}\nall: {findings:#?}"
    );
    found[0]
}

#[track_caller]
fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected {needle:?} in {haystack:?}"
    );
}

/// A one-job workflow around the given steps (indented as list items under
/// `steps:`), with top-level `contents: read`.
fn job_with_steps(steps: &str) -> String {
    format!(
        "on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n{steps}"
    )
}

const CHECKOUT_PINNED: &str = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683";

// ----- a typical insecure CI and the same one hardened -----------------------

#[test]
fn insecure_ci_reports_each_rule_at_its_line() {
    let findings = audit(&fixture("insecure-ci.yml"));
    assert_eq!(
        summary(&findings),
        vec![
            ("workflow/missing-permissions", 9, None),
            ("workflow/persisted-credentials", 12, Some(15)),
            ("workflow/unpinned-uses", 12, Some(15)),
            ("workflow/unpinned-uses", 13, Some(15)),
            ("workflow/template-injection", 18, Some(26)),
            ("workflow/remote-script", 19, Some(11)),
            ("workflow/excessive-permissions", 29, Some(7)),
            ("workflow/persisted-credentials", 31, Some(15)),
            ("workflow/unpinned-uses", 31, Some(15)),
            ("workflow/unpinned-uses", 33, Some(15)),
        ]
    );
    for f in &findings {
        assert_eq!(f.severity, Severity::Error, "{f:#?}");
        assert!(
            !f.why.is_empty() && !f.fix.is_empty(),
            "every finding explains why and how: {f:#?}"
        );
    }
    // Messages name the specific thing.
    assert_contains(&findings[0].message, "job `test`");
    assert_contains(&findings[4].message, "github.event.head_commit.message");
    assert_contains(&findings[5].message, "install.sh | sh");
    assert_contains(&findings[6].message, "`packages: write`");
    assert_contains(&findings[9].message, "softprops/action-gh-release@v2");
}

#[test]
fn release_job_that_publishes_a_release_keeps_contents_write() {
    let findings = audit(&fixture("insecure-ci.yml"));
    // Line 28 is `contents: write` on the release job, which uses
    // softprops/action-gh-release: needed, so not reported.
    assert!(findings.iter().all(|f| f.line != 28), "{findings:#?}");
}

#[test]
fn downloading_into_tar_is_not_running_a_remote_script() {
    // Line 15 pipes curl into tar, which unpacks but does not execute.
    let findings = audit(&fixture("insecure-ci.yml"));
    assert!(
        with_rule(&findings, "workflow/remote-script")
            .iter()
            .all(|f| f.line != 15)
    );
}

#[test]
fn hardened_ci_has_no_findings() {
    let findings = audit(&fixture("hardened-ci.yml"));
    assert_eq!(findings, Vec::<Finding>::new());
}

// ----- unpinned uses ---------------------------------------------------------

#[test]
fn tj_actions_style_tag_is_reported_with_the_incident() {
    let findings = audit(&fixture("tj-actions.yml"));
    let f = one(&findings, "workflow/unpinned-uses");
    assert_eq!((f.line, f.column), (17, Some(15)));
    assert_contains(&f.message, "`tj-actions/changed-files@v45`");
    assert_contains(&f.message, "`v45`");
    assert_contains(&f.why, "tj-actions/changed-files");
    assert_contains(&f.why, "March 2025");
    assert_contains(
        &f.fix,
        "`uses: tj-actions/changed-files@<40-hex commit SHA of v45> # v45`",
    );
    // The output is passed through env:, so nothing else fires.
    assert_eq!(findings.len(), 1, "{findings:#?}");
}

#[test]
fn version_comment_is_used_in_the_fix_and_short_shas_are_not_pins() {
    let text = job_with_steps(
        "      - uses: actions/setup-node@v4 # v4.1.0\n      - uses: actions/cache@1bd1e32\n      - uses: octo-org/tool\n",
    );
    let findings = audit(&text);
    let unpinned = with_rule(&findings, "workflow/unpinned-uses");
    assert_eq!(unpinned.len(), 3, "{findings:#?}");
    assert_contains(&unpinned[0].fix, "# v4.1.0");
    assert_contains(&unpinned[1].message, "short commit SHA `1bd1e32`");
    assert_contains(&unpinned[2].message, "no `@ref` at all");
}

#[test]
fn full_sha_and_local_actions_are_pinned() {
    let text = job_with_steps(&format!(
        "      - uses: {CHECKOUT_PINNED} # v4.2.2\n        with:\n          persist-credentials: false\n      - uses: ./.github/actions/setup\n"
    ));
    assert_eq!(audit(&text), Vec::<Finding>::new());
}

#[test]
fn docker_actions_need_a_digest() {
    let findings = audit(&fixture("docker.yml"));
    assert_eq!(
        summary(&findings),
        vec![
            ("workflow/unpinned-uses", 12, Some(15)),
            ("workflow/unpinned-uses", 18, Some(15)),
        ]
    );
    assert_contains(&findings[0].message, "image tag `3.20`");
    assert_contains(&findings[0].fix, "docker://alpine@sha256:");
    assert_contains(&findings[1].message, "no tag or digest");
}

#[test]
fn reusable_workflow_calls_are_checked_like_steps() {
    let findings = audit(&fixture("reusable.yml"));
    let unpinned = with_rule(&findings, "workflow/unpinned-uses");
    // Only the `@main` call: the local one and the SHA-pinned one are fine.
    assert_eq!(unpinned.len(), 1, "{findings:#?}");
    assert_eq!(unpinned[0].line, 15);
    assert_contains(&unpinned[0].message, "`main`");
}

// ----- permissions -----------------------------------------------------------

#[test]
fn write_all_at_the_top_level_is_excessive() {
    let text = "on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
    let findings = audit(text);
    let f = one(&findings, "workflow/excessive-permissions");
    assert_eq!(f.line, 2);
    assert_contains(&f.message, "write-all");
    assert!(with_rule(&findings, "workflow/missing-permissions").is_empty());
}

#[test]
fn write_all_on_a_job_is_excessive() {
    let text = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - run: git push\n";
    let f = one(&audit(text), "workflow/excessive-permissions").clone();
    assert_eq!(f.line, 6);
    assert_contains(&f.message, "job `a`");
}

#[test]
fn write_scope_at_the_top_level_is_excessive_even_when_a_job_needs_it() {
    // Scorecard's rule: the top level is read-only; the write goes on the job.
    let text = "on: push\npermissions:\n  contents: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push origin HEAD:main\n";
    let findings = audit(text);
    let f = one(&findings, "workflow/excessive-permissions");
    assert_eq!((f.line, f.column), (3, Some(3)));
    assert_contains(&f.message, "`contents: write` at the top level");
    assert_contains(
        &f.fix,
        "move `contents: write` into the `permissions:` of the job",
    );
}

fn job_permissions(scopes: &str, steps: &str) -> String {
    format!(
        "on: push\npermissions:\n  contents: read\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    permissions:\n{scopes}    steps:\n{steps}"
    )
}

#[test]
fn job_write_scope_without_need_is_excessive() {
    let text = job_permissions(
        "      contents: write\n      id-token: write\n",
        "      - run: cargo test --locked\n",
    );
    let findings = audit(&text);
    let excessive = with_rule(&findings, "workflow/excessive-permissions");
    assert_eq!(
        excessive.iter().map(|f| f.line).collect::<Vec<_>>(),
        vec![8, 9]
    );
    assert_contains(&excessive[0].message, "job `ship` has `contents: write`");
    assert_contains(&excessive[1].message, "`id-token: write`");
}

#[test]
fn job_write_scopes_with_evident_need_are_fine() {
    let cases = [
        (
            "      contents: write\n",
            "      - run: git push origin v1.0.0\n",
        ),
        (
            "      contents: write\n",
            "      - run: gh release create v1.0.0 dist/*\n",
        ),
        (
            "      packages: write\n",
            "      - uses: docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83 # v6.18.0\n        with:\n          push: true\n",
        ),
        (
            "      packages: write\n",
            "      - run: docker push ghcr.io/octo-org/app:1.0\n",
        ),
        (
            "      id-token: write\n",
            "      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc # v1.12.4\n",
        ),
        (
            "      id-token: write\n",
            "      - uses: aws-actions/configure-aws-credentials@b47578312673ae6fa5b5096b330d9fbac3d116df # v4.2.1\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n",
        ),
        (
            "      id-token: write\n",
            "      - run: npm publish --provenance --access public\n",
        ),
        (
            "      id-token: write\n      attestations: write\n",
            "      - uses: actions/attest-build-provenance@e8998f949152b193b063cb0ec769d69d929409be # v2.4.0\n        with:\n          subject-path: dist/app\n",
        ),
        (
            "      pull-requests: write\n",
            "      - run: gh pr comment \"$PR\" --body-file report.md\n",
        ),
        (
            "      pull-requests: write\n",
            "      - uses: marocchino/sticky-pull-request-comment@d2ad0de260ae8b0235ce059e63f2949ba9e05943 # v2.9.1\n        with:\n          path: report.md\n",
        ),
        (
            "      issues: write\n",
            "      - run: gh issue create --title \"Nightly failed\" --body-file log.txt\n",
        ),
        (
            "      pages: write\n      id-token: write\n",
            "      - uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5\n",
        ),
        (
            "      statuses: write\n",
            "      - run: gh api -X POST repos/octo-org/app/statuses/$SHA -f state=success\n",
        ),
        (
            "      security-events: write\n",
            "      - uses: github/codeql-action/upload-sarif@181d5eefc20863364f96762470ba6f862bdef56b # v3.29.2\n        with:\n          sarif_file: results.sarif\n",
        ),
    ];
    for (scopes, steps) in cases {
        let text = job_permissions(scopes, steps);
        let findings = audit(&text);
        assert!(
            with_rule(&findings, "workflow/excessive-permissions").is_empty(),
            "{scopes}{steps} => {findings:#?}"
        );
    }
}

#[test]
fn read_only_commands_do_not_justify_a_write_scope() {
    for steps in [
        "      - run: gh release view v1.0.0\n",
        "      - run: curl -fsSL https://api.github.com/repos/octo-org/app/releases/latest\n",
        "      - run: docker buildx build --platform linux/amd64 -t app .\n",
    ] {
        let scope = if steps.contains("docker") {
            "      packages: write\n"
        } else {
            "      contents: write\n"
        };
        let findings = audit(&job_permissions(scope, steps));
        assert_eq!(
            with_rule(&findings, "workflow/excessive-permissions").len(),
            1,
            "{steps} => {findings:#?}"
        );
    }
    let push = audit(&job_permissions(
        "      packages: write\n",
        "      - run: docker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/octo-org/app:1.0 --push .\n",
    ));
    assert!(
        with_rule(&push, "workflow/excessive-permissions").is_empty(),
        "{push:#?}"
    );
}

#[test]
fn steps_rampart_cannot_see_into_get_the_benefit_of_the_doubt() {
    // A local action, or a third-party action handed the token, may need
    // the scope; an unknown action without the token evidently does not.
    let local = job_permissions(
        "      contents: write\n",
        "      - uses: ./.github/actions/release\n",
    );
    assert!(with_rule(&audit(&local), "workflow/excessive-permissions").is_empty());
    let handed = job_permissions(
        "      contents: write\n",
        "      - uses: octo-org/release-bot@0d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4 # v3.1.0\n        with:\n          token: ${{ secrets.GITHUB_TOKEN }}\n",
    );
    assert!(with_rule(&audit(&handed), "workflow/excessive-permissions").is_empty());
    let not_handed = job_permissions(
        "      contents: write\n",
        "      - uses: octo-org/release-bot@0d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4 # v3.1.0\n",
    );
    assert_eq!(
        with_rule(&audit(&not_handed), "workflow/excessive-permissions").len(),
        1
    );
}

#[test]
fn github_script_calls_show_which_scope_they_need() {
    let steps = "      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: |\n            await github.rest.issues.createComment({\n              ...context.repo,\n              issue_number: context.issue.number,\n              body: 'Thanks!',\n            });\n";
    let ok = audit(&job_permissions("      pull-requests: write\n", steps));
    assert!(
        with_rule(&ok, "workflow/excessive-permissions").is_empty(),
        "{ok:#?}"
    );
    let too_much = audit(&job_permissions(
        "      pull-requests: write\n      contents: write\n",
        steps,
    ));
    let f = one(&too_much, "workflow/excessive-permissions");
    assert_contains(&f.message, "`contents: write`");
}

#[test]
fn missing_permissions_names_the_jobs_without_any() {
    let text = "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make lint\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n";
    let findings = audit(text);
    let f = one(&findings, "workflow/missing-permissions");
    assert_eq!(f.line, 9);
    assert_contains(&f.message, "job `test`");
    assert!(!f.message.contains("`lint`"));
    assert_contains(&f.fix, "contents: read");
}

#[test]
fn no_missing_permissions_when_every_job_sets_them_or_the_caller_decides() {
    let all_jobs = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make\n";
    assert_eq!(audit(all_jobs), Vec::<Finding>::new());
    let reusable = "on:\n  workflow_call:\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
    assert_eq!(audit(reusable), Vec::<Finding>::new());
}

#[test]
fn read_all_at_the_top_level_is_accepted() {
    let text = "on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
    assert_eq!(audit(text), Vec::<Finding>::new());
}

// ----- dangerous triggers ----------------------------------------------------

#[test]
fn pwn_request_is_reported_at_the_checkout_with_the_secret_it_exposes() {
    let findings = audit(&fixture("pwn-request.yml"));
    assert_eq!(
        summary(&findings),
        vec![
            ("workflow/excessive-permissions", 9, Some(3)),
            ("workflow/dangerous-trigger", 15, Some(15)),
            ("workflow/secrets-to-untrusted", 22, None),
        ]
    );
    let dangerous = &findings[1];
    assert_contains(&dangerous.message, "`pull_request_target`");
    assert_contains(&dangerous.message, "github.event.pull_request.head.sha");
    assert_contains(&findings[2].message, "`secrets.NPM_TOKEN`");
    // The dangerous use replaces the plain warning about the trigger.
    assert!(with_rule(&findings, "workflow/risky-trigger").is_empty());
}

#[test]
fn pull_request_target_without_the_pr_code_is_only_a_warning() {
    let text = format!(
        "on: pull_request_target\npermissions:\n  contents: read\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: {CHECKOUT_PINNED} # v4.2.2\n        with:\n          ref: ${{{{ github.event.pull_request.base.sha }}}}\n          persist-credentials: false\n      - run: gh pr comment \"$PR\" --body 'Thanks!'\n        env:\n          PR: ${{{{ github.event.pull_request.html_url }}}}\n          GH_TOKEN: ${{{{ github.token }}}}\n"
    );
    let findings = audit(&text);
    assert!(errors(&findings).is_empty(), "{findings:#?}");
    let f = one(&findings, "workflow/risky-trigger");
    assert_eq!((f.line, f.severity), (1, Severity::Warning));
}

#[test]
fn workflow_run_checking_out_the_head_branch_is_dangerous() {
    let text = format!(
        "on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\npermissions:\n  contents: read\njobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: {CHECKOUT_PINNED} # v4.2.2\n        with:\n          ref: ${{{{ github.event.workflow_run.head_branch }}}}\n          persist-credentials: false\n      - run: ./scripts/report.sh\n"
    );
    let findings = audit(&text);
    let f = one(&findings, "workflow/dangerous-trigger");
    assert_eq!(f.line, 11);
    assert_contains(&f.message, "`workflow_run`");
}

#[test]
fn fetching_the_pr_in_a_script_is_dangerous_too() {
    let text = format!(
        "on:\n  issue_comment:\n    types: [created]\npermissions:\n  contents: read\njobs:\n  ok-to-test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: {CHECKOUT_PINNED} # v4.2.2\n        with:\n          persist-credentials: false\n      - run: |\n          gh pr checkout \"$NUMBER\"\n          make test\n        env:\n          NUMBER: ${{{{ github.event.issue.number }}}}\n          GH_TOKEN: ${{{{ secrets.GITHUB_TOKEN }}}}\n"
    );
    let findings = audit(&text);
    let f = one(&findings, "workflow/dangerous-trigger");
    assert_eq!(f.line, 14);
    assert_contains(&f.message, "gh pr checkout");
    let s = one(&findings, "workflow/secrets-to-untrusted");
    assert_eq!(s.line, 18);
    assert_contains(&s.message, "`secrets.GITHUB_TOKEN`");
}

#[test]
fn reusable_workflow_given_the_pr_head_with_inherited_secrets() {
    let findings = audit(&fixture("reusable.yml"));
    let d = one(&findings, "workflow/dangerous-trigger");
    assert_eq!(d.line, 22);
    assert_contains(&d.message, "job `test-pr`");
    let s = one(&findings, "workflow/secrets-to-untrusted");
    assert_eq!(s.line, 25);
    assert_contains(&s.message, "secrets: inherit");
    // Write scopes on reusable-workflow calls are for the called workflow.
    assert!(with_rule(&findings, "workflow/excessive-permissions").is_empty());
    // The other call's `secrets: inherit` is only a warning.
    let w = one(&findings, "workflow/secrets-inherit");
    assert_eq!((w.line, w.severity), (16, Severity::Warning));
    assert_contains(&w.message, "job `deploy`");
}

#[test]
fn labeler_alone_on_pull_request_target_is_not_flagged() {
    let text = "on: pull_request_target\npermissions:\n  contents: read\njobs:\n  label:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9 # v5.0.0\n";
    assert_eq!(audit(text), Vec::<Finding>::new());
}

// ----- template injection ----------------------------------------------------

#[test]
fn template_injection_inside_a_block_points_at_the_expression() {
    let findings = audit(&fixture("template-injection.yml"));
    let injections = with_rule(&findings, "workflow/template-injection");
    assert_eq!(
        injections
            .iter()
            .map(|f| (f.line, f.column))
            .collect::<Vec<_>>(),
        vec![(21, Some(18)), (23, Some(32)), (29, Some(27))]
    );
    assert_contains(&injections[0].message, "`github.event.issue.title`");
    assert_contains(&injections[0].fix, "\"$ISSUE_TITLE\"");
    assert_contains(&injections[0].fix, "env:");
    assert_contains(&injections[1].message, "`github.event.comment.body`");
    // github-script: the fix reads the environment from JavaScript.
    assert_contains(&injections[2].message, "actions/github-script");
    assert_contains(&injections[2].fix, "process.env.ISSUE_BODY");
    // `github.event.issue.number` (line 20) is a number: not flagged.
    assert!(injections.iter().all(|f| f.line != 20));
}

#[test]
fn template_injection_recognises_index_syntax_and_whole_objects() {
    let text = job_with_steps(
        "      - run: echo \"${{ github['head_ref'] }}\"\n      - run: echo '${{ toJSON(github.event.pull_request) }}' > pr.json\n      - run: echo \"${{ github.event.commits[0].message }}\"\n      - run: echo \"${{ github.event.pull_request.head.sha }} ${{ github.sha }} ${{ github.event.pull_request.number }}\"\n",
    );
    let findings = audit(&text);
    let lines: Vec<u32> = with_rule(&findings, "workflow/template-injection")
        .iter()
        .map(|f| f.line)
        .collect();
    assert_eq!(lines, vec![8, 9, 10], "{findings:#?}");
    assert_eq!(
        with_rule(&findings, "workflow/template-injection")[0].column,
        Some(20)
    );
}

#[test]
fn expressions_passed_through_env_are_safe() {
    let text = job_with_steps(
        "      - env:\n          TITLE: ${{ github.event.issue.title }}\n        run: echo \"$TITLE\"\n",
    );
    assert_eq!(audit(&text), Vec::<Finding>::new());
}

#[test]
fn folded_and_quoted_scripts_still_get_a_line() {
    let text = job_with_steps(
        "      - run: >\n          echo one\n          ${{ github.event.issue.body }}\n      - run: \"echo \\\"${{ github.head_ref }}\\\"\"\n      - run: echo ${{\n          github.event.issue.title }}\n",
    );
    let findings = audit(&text);
    let lines: Vec<(u32, Option<u32>)> = with_rule(&findings, "workflow/template-injection")
        .iter()
        .map(|f| (f.line, f.column))
        .collect();
    // An expression broken over two lines is not in the file verbatim: it
    // is reported where the script starts.
    assert_eq!(
        lines,
        vec![(10, Some(11)), (11, Some(22)), (12, Some(14))],
        "{findings:#?}"
    );
}

// ----- persisted credentials -------------------------------------------------

#[test]
fn checkout_must_turn_off_persisted_credentials() {
    let missing = audit(&job_with_steps(&format!(
        "      - uses: {CHECKOUT_PINNED} # v4.2.2\n"
    )));
    let f = one(&missing, "workflow/persisted-credentials");
    assert_eq!((f.line, f.severity), (8, Severity::Error));
    assert_contains(&f.fix, "persist-credentials: false");

    let explicit = audit(&job_with_steps(&format!(
        "      - uses: {CHECKOUT_PINNED} # v4.2.2\n        with:\n          persist-credentials: true\n"
    )));
    let f = one(&explicit, "workflow/persisted-credentials");
    assert_eq!(f.severity, Severity::Warning);
}

// ----- remote scripts --------------------------------------------------------

#[test]
fn piping_downloads_into_interpreters_is_reported() {
    let commands = [
        "curl -fsSL https://example.com/install.sh | bash",
        "wget -qO- https://example.com/install.sh | sh",
        "curl -sSL https://example.com/i.sh | sudo -E bash -",
        "curl -sSL https://bootstrap.pypa.io/get-pip.py | python3 -",
        "bash <(curl -s https://example.com/install.sh)",
        "sh -c \"$(curl -fsSL https://example.com/install.sh)\"",
        "eval \"$(wget -qO- https://example.com/env.sh)\"",
        "iex (iwr https://example.com/install.ps1 -UseBasicParsing).Content",
        "irm https://example.com/install.ps1 | iex",
    ];
    for cmd in commands {
        let text = job_with_steps(&format!("      - run: {cmd}\n"));
        let findings = audit(&text);
        let f = one(&findings, "workflow/remote-script");
        assert_eq!((f.line, f.column), (8, Some(14)), "{cmd}");
    }
}

#[test]
fn downloads_that_are_saved_or_parsed_are_not_remote_scripts() {
    let commands = [
        "curl -fsSLo install.sh https://example.com/install.sh",
        "curl -sSL https://example.com/tool.tar.gz | tar xz",
        "curl -s https://api.github.com/repos/octo/app | jq .tag_name",
        "echo curl | bash",
        "curl -fsSL https://example.com/x || bash fallback.sh",
    ];
    for cmd in commands {
        let text = job_with_steps(&format!("      - run: {cmd}\n"));
        let findings = audit(&text);
        assert!(
            with_rule(&findings, "workflow/remote-script").is_empty(),
            "{cmd}: {findings:#?}"
        );
    }
}

#[test]
fn remote_scripts_are_found_in_plain_shell_scripts_with_their_line() {
    let script = "#!/bin/sh\nset -eu\ncurl -fsSLo tool.tar.gz https://example.com/t.tgz\n\
                  curl -fsSL https://example.com/install.sh \\\n  | sh -s -- -y\necho done\n";
    let hits = workflow::remote_script_lines(script);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].0, 4);
    assert!(hits[0].1.contains("| sh"), "{hits:#?}");
    assert!(workflow::remote_script_lines("cargo xtask test\n").is_empty());
}

// ----- keeps and pins --------------------------------------------------------

fn keep(job: &str, uses: Option<&str>, run: Option<&str>) -> Keep {
    Keep {
        job: job.to_string(),
        uses: uses.map(str::to_string),
        run: run.map(str::to_string),
    }
}

fn checkout_pin() -> Vec<Pin> {
    vec![Pin {
        action: "actions/checkout".to_string(),
        version: "v4.2.2".to_string(),
        sha: "11bd71901bbe5b1630ceea73d27597364c9af683".to_string(),
    }]
}

fn triggers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[track_caller]
fn parse(text: &str) -> workflow::Workflow {
    match workflow::parse(text) {
        Ok(w) => w,
        Err(e) => panic!("expected the workflow to parse, got: {e}"),
    }
}

#[test]
fn keep_is_met_by_the_tag() {
    let wf = parse(
        "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4.2.2\n      - run: cargo test --locked\n",
    );
    let keeps = [keep(
        "test",
        Some("actions/checkout@v4.2.2"),
        Some("cargo test --locked"),
    )];
    let out = workflow::check_keeps(
        &wf,
        &triggers(&["push", "pull_request"]),
        &keeps,
        &checkout_pin(),
    );
    assert_eq!(out, Vec::<Finding>::new());
}

#[test]
fn keep_is_met_by_the_listed_sha_and_normalised_whitespace() {
    let wf = parse(&fixture("hardened-ci.yml"));
    let keeps = [
        keep(
            "test",
            Some("actions/checkout@v4.2.2"),
            Some("cargo   test\n  --locked"),
        ),
        keep("release", None, Some("cargo build --release --locked")),
    ];
    let out = workflow::check_keeps(
        &wf,
        &triggers(&["push", "pull_request"]),
        &keeps,
        &checkout_pin(),
    );
    assert_eq!(out, Vec::<Finding>::new());
}

#[test]
fn keep_matches_a_script_split_with_line_continuations() {
    let wf = parse(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          cargo test \\\n            --locked \\\n            --all-features\n",
    );
    let out = workflow::check_keeps(
        &wf,
        &[],
        &[keep(
            "test",
            None,
            Some("cargo test --locked --all-features"),
        )],
        &[],
    );
    assert_eq!(out, Vec::<Finding>::new());
}

#[test]
fn pin_to_another_sha_is_a_wrong_pin() {
    let wf = parse(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@0ad4b8fadaa221de15dcec353f45205ec38ea70b # v4.2.2\n      - run: cargo test --locked\n",
    );
    let out = workflow::check_keeps(
        &wf,
        &[],
        &[keep("test", Some("actions/checkout@v4.2.2"), None)],
        &checkout_pin(),
    );
    assert_eq!(summary(&out), vec![("workflow/wrong-pin", 6, Some(15))]);
    assert_contains(&out[0].message, "v4.2.2");
    assert_contains(&out[0].message, "11bd71901bbe5b1630ceea73d27597364c9af683");
    assert_contains(&out[0].message, "0ad4b8fadaa221de15dcec353f45205ec38ea70b");
    assert_contains(
        &out[0].fix,
        "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
    );
}

#[test]
fn deleting_a_job_a_step_or_a_trigger_is_reported() {
    let wf = parse(
        "on:\n  push:\n    branches: [main]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v3\n      - run: make lint\n",
    );
    let keeps = [
        keep("test", None, Some("cargo test")),
        keep("lint", Some("actions/checkout@v4.2.2"), Some("make lint")),
        keep("lint", None, Some("make   fmt-check")),
    ];
    let out = workflow::check_keeps(
        &wf,
        &triggers(&["push", "pull_request"]),
        &keeps,
        &checkout_pin(),
    );
    assert_eq!(
        summary(&out),
        vec![
            ("workflow/lost-trigger", 1, None),
            ("workflow/lost-job", 4, None),
            ("workflow/lost-step", 5, None),
            ("workflow/lost-step", 8, None),
        ]
    );
    assert_contains(&out[0].message, "`pull_request`");
    assert_contains(&out[1].message, "job `test`");
    assert_contains(&out[2].message, "`make fmt-check`");
    assert_contains(&out[3].message, "`actions/checkout@v4.2.2`");
    assert_contains(&out[3].message, "actions/checkout@v3");
    assert!(out.iter().all(|f| f.severity == Severity::Error));
}

#[test]
fn emptied_workflow_cannot_pass_the_keeps() {
    // Deleting every step removes every finding, but not the keeps.
    let text =
        "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n";
    assert_eq!(audit(text), Vec::<Finding>::new());
    let out = workflow::check_keeps(
        &parse(text),
        &triggers(&["push"]),
        &[keep(
            "test",
            Some("actions/checkout@v4.2.2"),
            Some("cargo test"),
        )],
        &checkout_pin(),
    );
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn keeps_and_pins_read_from_exercise_toml() {
    #[derive(serde::Deserialize)]
    struct Exercise {
        keep: Vec<Keep>,
        pin: Vec<Pin>,
    }
    let toml_text = "[[keep]]\njob = \"test\"\nuses = \"actions/checkout@v4.2.2\"\n\n[[keep]]\njob = \"test\"\nrun = \"cargo test --locked\"\n\n[[pin]]\naction = \"actions/checkout\"\nversion = \"v4.2.2\"\nsha = \"11bd71901bbe5b1630ceea73d27597364c9af683\"\n";
    let ex: Exercise = match toml::from_str(toml_text) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        ex.keep[0],
        keep("test", Some("actions/checkout@v4.2.2"), None)
    );
    assert_eq!(ex.keep[1], keep("test", None, Some("cargo test --locked")));
    assert_eq!(ex.pin, checkout_pin());
    let typo: Result<Exercise, _> =
        toml::from_str("pin = []\n[[keep]]\njob = \"test\"\nusses = \"x\"\n");
    assert!(typo.is_err());
}

// ----- the parsed model ------------------------------------------------------

#[test]
fn parse_keeps_lines_refs_and_version_comments() {
    let wf = parse(&fixture("hardened-ci.yml"));
    assert_eq!(
        wf.triggers
            .iter()
            .map(|t| (t.name.as_str(), t.line))
            .collect::<Vec<_>>(),
        vec![("push", 4), ("pull_request", 6)]
    );
    assert_eq!(
        wf.permissions,
        Some(Permissions::Scopes {
            line: 8,
            scopes: vec![workflow::Scope {
                name: "contents".to_string(),
                access: Access::Read,
                line: 9,
                column: 3,
            }],
        })
    );
    let test = &wf.jobs[0];
    assert_eq!((test.id.as_str(), test.line), ("test", 12));
    let checkout = test.steps[0].uses.as_ref().expect("checkout step");
    assert_eq!(checkout.action, "actions/checkout");
    assert_eq!(
        checkout.reference,
        "11bd71901bbe5b1630ceea73d27597364c9af683"
    );
    assert_eq!(checkout.comment.as_deref(), Some("v4.2.2"));
    assert_eq!((checkout.line, checkout.column), (15, 15));
    assert!(checkout.is_pinned());
    assert_eq!(
        test.steps[0].with_value("persist-credentials"),
        Some("false")
    );
    let install = &test.steps[3];
    assert_eq!(install.name.as_deref(), Some("Install linter"));
    // The script of a `run: |` block starts on the line after `run:`.
    assert_eq!(install.run_line, 25);
    assert_eq!(install.env[0].0, "MESSAGE");
    assert_eq!(install.env[0].2, 23);
}

#[test]
fn on_can_be_a_string_a_list_or_a_map() {
    let job = "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
    let names = |text: String| -> Vec<String> {
        parse(&text).triggers.into_iter().map(|t| t.name).collect()
    };
    assert_eq!(names(format!("on: push\n{job}")), vec!["push"]);
    assert_eq!(
        names(format!("on: [push, pull_request]\n{job}")),
        vec!["push", "pull_request"]
    );
    assert_eq!(
        names(format!(
            "on:\n  push:\n    tags: ['v*']\n  workflow_dispatch:\n{job}"
        )),
        vec!["push", "workflow_dispatch"]
    );
    // What YAML 1.1 tools write when they turn `on` into a boolean.
    assert_eq!(names(format!("true: push\n{job}")), vec!["push"]);
}

#[test]
fn job_level_reusable_call_is_parsed() {
    let wf = parse(&fixture("reusable.yml"));
    let deploy = &wf.jobs[1];
    let uses = deploy.uses.as_ref().expect("reusable call");
    assert_eq!(uses.action, "octo-org/shared/.github/workflows/deploy.yml");
    assert_eq!(uses.reference, "main");
    assert_eq!(deploy.secrets_inherit, Some(16));
    assert!(wf.jobs[0].uses.as_ref().is_some_and(|u| u.is_local()));
}

// ----- input that is not a readable workflow ---------------------------------

#[test]
fn garbage_is_an_input_error_with_a_line() {
    let e = audit_err(
        "on: push\njobs:\n  test:\n    steps: [unclosed\n      - run: make\n  other: {\n",
    );
    assert!(e.line >= 4, "{e:?}");
    assert_contains(&e.message, "not valid YAML");

    let e = audit_err("on: push\njobs:\n\ttest: make\n");
    assert_contains(&e.message, "not valid YAML");
}

#[test]
fn yaml_that_is_not_a_workflow_says_so() {
    let compose = "services:\n  web:\n    image: nginx:1.27\n    ports: ['80:80']\n";
    let e = audit_err(compose);
    assert_contains(&e.message, "not a GitHub Actions workflow");

    let e = audit_err("- on: push\n- jobs: {}\n");
    assert_contains(&e.message, "mapping with `on:` and `jobs:`");

    let e = audit_err("");
    assert_contains(&e.message, "empty");

    let e = audit_err("name: CI\non: push\n");
    assert_eq!(e.line, 2);
    assert_contains(&e.message, "no `jobs:`");

    let e = audit_err("on:\njobs:\n  a:\n    runs-on: ubuntu-latest\n");
    assert_contains(&e.message, "`on:` is empty");

    let e = audit_err("on: push\njobs:\n  a:\n    steps: make test\n");
    assert_eq!(e.line, 4);
    assert_contains(&e.message, "`steps:` of job `a` must be a list");

    let e = audit_err("on: push\npermissions: admin\njobs:\n  a:\n    steps: []\n");
    assert_eq!(e.line, 2);
    assert_contains(&e.message, "`permissions: admin` is not valid");
}

#[test]
fn duplicate_keys_point_at_the_second_one() {
    let text = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    runs-on: windows-latest\n    steps:\n      - run: make\n";
    let e = audit_err(text);
    assert_eq!((e.line, e.column), (5, Some(5)));
    assert_contains(&e.message, "duplicate key `runs-on` (first at line 4)");
}

#[test]
fn anchors_and_extra_documents_are_refused_clearly() {
    let e = audit_err("on: push\njobs:\n  a: &job\n    steps: []\n  b: *job\n");
    assert_eq!((e.line, e.column), (3, Some(6)));
    assert_contains(&e.message, "anchors");
    let e = audit_err("on: push\njobs:\n  a:\n    steps: []\n---\non: push\n");
    assert_eq!(e.line, 5);
    assert_contains(&e.message, "second YAML document");
}

#[test]
fn a_file_over_the_limit_is_refused_quickly() {
    let mut text = String::from("on: push\njobs:\n");
    let mut i = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!(
            "  job{i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo \"${{{{ github.event.issue.title }}}}\"\n"
        ));
        i += 1;
    }
    let start = Instant::now();
    let e = audit_err(&text);
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(e.line, 0);
    assert_contains(&e.message, "MiB");
}

#[test]
fn a_large_workflow_under_the_limit_is_audited_in_reasonable_time() {
    let mut text = String::from("on: push\npermissions:\n  contents: read\njobs:\n");
    let mut jobs = 0;
    while text.len() < 2 * 1024 * 1024 {
        text.push_str(&format!(
            "  job{jobs}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: |\n          echo \"${{{{ github.event.head_commit.message }}}}\"\n          make test\n"
        ));
        jobs += 1;
    }
    let start = Instant::now();
    let findings = audit(&text);
    let took = start.elapsed();
    assert_eq!(with_rule(&findings, "workflow/unpinned-uses").len(), jobs);
    assert_eq!(
        with_rule(&findings, "workflow/template-injection").len(),
        jobs
    );
    // The last job's expression is found on its own line.
    let last = with_rule(&findings, "workflow/template-injection")[jobs - 1];
    assert_eq!(last.line, u32::try_from(4 + 9 * jobs - 1).unwrap_or(0));
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    // Flow style: 100 000 nested lists.
    let deep_flow = format!(
        "on: push\njobs: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let e = audit_err(&deep_flow);
    assert_eq!(e.line, 2);
    assert_contains(&e.message, "nested more than 64 levels");

    // Block style: 200 nested mappings.
    let mut deep_block = String::from("on: push\njobs:\n");
    for level in 0..200 {
        deep_block.push_str(&" ".repeat(level + 1));
        deep_block.push_str(&format!("k{level}:\n"));
    }
    let e = audit_err(&deep_block);
    assert_contains(&e.message, "nested more than 64 levels");

    // Many `- - - -` on one line.
    let dashes = format!(
        "on: push\njobs:\n  a:\n    steps: {}x\n",
        "- ".repeat(5_000)
    );
    assert!(workflow::audit(&dashes).is_err());
}

#[test]
fn truncated_and_mangled_workflows_never_panic() {
    let originals = [
        fixture("insecure-ci.yml"),
        fixture("pwn-request.yml"),
        fixture("template-injection.yml"),
        fixture("reusable.yml"),
    ];
    let mut ok = 0;
    let mut err = 0;
    for text in &originals {
        let chars: Vec<char> = text.chars().collect();
        for cut in (0..chars.len()).step_by(7) {
            let truncated: String = chars[..cut].iter().collect();
            // Also drop one character in the middle, and swap in a quote.
            let dropped: String = chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != cut)
                .map(|(_, c)| c)
                .collect();
            let quoted: String = chars
                .iter()
                .enumerate()
                .map(|(i, c)| if i == cut { '"' } else { *c })
                .collect();
            for t in [truncated, dropped, quoted] {
                match workflow::audit(&t) {
                    Ok(_) => ok += 1,
                    Err(e) => {
                        assert!(!e.message.is_empty());
                        err += 1;
                    }
                }
            }
        }
    }
    assert!(ok > 0 && err > 0, "ok {ok}, err {err}");
}

#[test]
fn non_ascii_text_keeps_columns_in_characters() {
    let text = job_with_steps(
        "      - name: Grüße 🚀\n        run: echo \"Título — ${{ github.event.issue.title }}\"\n",
    );
    let findings = audit(&text);
    let f = one(&findings, "workflow/template-injection");
    assert_eq!((f.line, f.column), (9, Some(29)));
}
