"""The most frequent Chinese surnames, for telling a personal name from a common word.

jieba tags many unknown common words as personal names (和睦, 公正), and a name
may hold a numeral (王二, 张三, 罗小四): both readers need to know the surnames.
"""

from __future__ import annotations

# jieba tags many unknown common words "nr" (和睦, 公正): a Chinese personal name must
# start with a common surname (the 100 most frequent, after the Ministry of Public Security).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤习温胡常")
