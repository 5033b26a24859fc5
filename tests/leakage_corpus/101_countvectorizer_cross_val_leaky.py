# expect: TFL101
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import MultinomialNB
import pandas as pd
sms = pd.read_table("sms.tsv", header=None, names=["label", "message"])
vect = CountVectorizer()
X_dtm = vect.fit_transform(sms.message)
print(cross_val_score(MultinomialNB(), X_dtm, sms.label, cv=10, scoring="accuracy").mean())
