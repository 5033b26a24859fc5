# expect: TFL103
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import train_test_split
from sklearn.linear_model import SGDClassifier

with open("corpus.txt") as fh:
    docs = fh.read().splitlines()
labels = [d.startswith("+") for d in docs]
d_train, d_test, l_train, l_test = train_test_split(docs, labels, test_size=0.25)
cv = CountVectorizer(stop_words="english")
Xtr = cv.fit_transform(d_train)
Xte = CountVectorizer(stop_words="english").fit_transform(d_test)
clf = SGDClassifier().fit(Xtr, l_train)
