//! The plan as text: the upgrade events month by month with their cost and trigger, then
//! break-even, the runway and the assumptions that matter most, as Markdown to paste.

use super::break_even::{self, UserRange};
use super::eval::Model;
use super::format::{count, usd};
use super::range::{Case, PerCase};
use super::runway;
use super::sensitivity::{Answer, Sensitivity};
use super::timeline::{one_time_usd, EventKind, Timeline};

/// How many assumptions the plan names.
pub const TOP_ASSUMPTIONS: usize = 3;

/// The plan in Markdown: a heading, one line per upgrade (month, what changes and what
/// fired it, users, the component's monthly cost before and after, worst case), then
/// break-even, the runway and the [`TOP_ASSUMPTIONS`] assumptions that move `answer` most
/// (`None` while the sensitivity pass has not finished).
pub fn markdown(
    model: &Model,
    timeline: &Timeline,
    ranges: &PerCase<Vec<UserRange>>,
    most: Option<(&Sensitivity, Answer)>,
) -> String {
    let raw = model.scenario();
    let h = timeline.months.len().saturating_sub(1) as u32;
    let now = timeline.months.first().map_or(raw.users.now, |s| s.users);
    let mut out = format!(
        "# Upgrade plan: {}\n\nFrom {} users now, over {h} months; what each part runs and costs in the worst case.\n\n",
        raw.name,
        count(now)
    );
    let mut upgrades = 0;
    for e in &timeline.events {
        if !matches!(e.kind, EventKind::Upgrade) {
            continue;
        }
        upgrades += 1;
        let m = e.month as usize;
        let cost = |month: usize| {
            timeline
                .months
                .get(month)
                .map_or(0.0, |s| s.components[e.component][Case::Worst].cost_usd)
        };
        out += &format!(
            "- {} · {} users · {} → {} a month\n",
            e.describe(model),
            count(e.users),
            usd(cost(m.saturating_sub(1))),
            usd(cost(m))
        );
    }
    if upgrades == 0 {
        out += &format!("- No upgrade within {h} months: the stack as it runs now holds.\n");
    }
    out += &format!(
        "\n**Break-even:** {}; month: {}\n",
        break_even::describe(ranges),
        break_even::describe_month(&timeline.break_even_month, ranges, h)
    );
    let detail = runway::describe_detail(raw, timeline.runway.as_ref(), one_time_usd(model));
    out += &format!(
        "**Runway:** {}{}\n",
        runway::describe(timeline.runway.as_ref(), h),
        if detail.is_empty() {
            String::new()
        } else {
            format!(" ({detail})")
        }
    );
    match most {
        None => out += "**Assumptions that matter most:** still being worked out; copy the plan again in a moment.\n",
        Some((s, answer)) => {
            let top = s.top(answer, TOP_ASSUMPTIONS);
            if top.is_empty() {
                out += &format!(
                    "**Assumptions that matter most:** none of the {} assumptions moves the {}.\n",
                    s.moved,
                    answer.label().to_lowercase()
                );
            } else {
                out += &format!(
                    "**Assumptions that matter most** (by {}):\n\n",
                    answer.label().to_lowercase()
                );
                for (i, t) in top.iter().enumerate() {
                    out += &format!("{}. {t}\n", i + 1);
                }
            }
        }
    }
    out
}
