//! Chinese numerals as plans print them: positional numbers in task and section markers
//! (`十三` → 13, `一百零二` → 102) and dates (`五月十五日`), and years read digit by digit
//! (`二〇一七` → 2017).

/// The digits in value order; 〇 and 零 are both zero.
const DIGITS: &str = "〇零一二三四五六七八九";

/// The value of a Chinese digit character: 〇, ○ (often typed for 〇), 零, 一 … 九, and the
/// full-width zero and letter O that some sites print in years.
fn digit(c: char) -> Option<u32> {
    match c {
        '○' | 'Ｏ' | '０' => Some(0),
        c => DIGITS
            .chars()
            .position(|d| d == c)
            .map(|p| p.saturating_sub(1) as u32),
    }
}

/// Whether `c` can be part of a positional numeral ([`chinese_numeral`]): a digit, 十 or 百.
pub fn is_numeral_char(c: char) -> bool {
    DIGITS.contains(c) || c == '十' || c == '百'
}

/// The value of a positional Chinese numeral up to 999 (`十三` → 13, `三十一` → 31, `一百零二`
/// → 102); `None` for anything else, including zero and two digits in a row (`二〇`).
pub fn chinese_numeral(chars: &[char]) -> Option<u32> {
    let (mut total, mut current) = (0u32, None::<u32>);
    for &c in chars {
        match c {
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            c => {
                let d = digit(c).filter(|_| !matches!(c, '○' | 'Ｏ' | '０'))?;
                // 零 / 〇 is a placeholder (一百零二); two digits in a row are not a numeral here.
                if d == 0 && current.is_none() {
                    continue;
                }
                if current.is_some() {
                    return None;
                }
                current = Some(d);
            }
        }
    }
    let value = total + current.unwrap_or(0);
    (value > 0).then_some(value)
}

/// A year printed digit by digit (`二〇一七`, `二○一二`) as a number; `None` unless every
/// character is a digit.
pub fn digit_year(digits: &str) -> Option<i32> {
    digits
        .chars()
        .map(digit)
        .try_fold(0i32, |acc, d| d.map(|d| acc * 10 + d as i32))
}

/// `n` (1 to 999) as a positional Chinese numeral, as plans number tasks: `十三`, `三十一`,
/// `一百零二`; the inverse of [`chinese_numeral`].
pub fn to_chinese_numeral(n: u32) -> String {
    let digit = |d: u32| DIGITS.chars().nth(d as usize + 1).unwrap_or('〇');
    let (hundreds, tens, units) = (n / 100, n / 10 % 10, n % 10);
    let mut out = String::new();
    if hundreds > 0 {
        out.push(digit(hundreds));
        out.push('百');
    }
    match tens {
        0 if hundreds > 0 && units > 0 => out.push('零'),
        0 => {}
        1 if hundreds == 0 => out.push('十'),
        t => {
            out.push(digit(t));
            out.push('十');
        }
    }
    if units > 0 {
        out.push(digit(units));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<u32> {
        chinese_numeral(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn positional_numerals() {
        assert_eq!(n("十三"), Some(13));
        assert_eq!(n("三十一"), Some(31));
        assert_eq!(n("一百零二"), Some(102));
        assert_eq!(n("二〇"), None);
        assert_eq!(n("零"), None);
        assert_eq!(n("十二三"), None);
    }

    #[test]
    fn numbers_round_trip() {
        for value in 1..=999 {
            let printed = to_chinese_numeral(value);
            assert_eq!(n(&printed), Some(value), "{printed}");
        }
        assert_eq!(to_chinese_numeral(7), "七");
        assert_eq!(to_chinese_numeral(110), "一百一十");
    }

    #[test]
    fn years_digit_by_digit() {
        assert_eq!(digit_year("二〇一七"), Some(2017));
        assert_eq!(digit_year("二○一二"), Some(2012));
        assert_eq!(digit_year("二零二一"), Some(2021));
        assert_eq!(digit_year("二〇一十"), None);
    }
}
