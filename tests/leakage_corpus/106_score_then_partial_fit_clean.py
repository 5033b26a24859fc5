# expect: clean
# Online learning: each new batch is scored before the model learns from it.
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier

from stream import next_batch

vectorizer = HashingVectorizer(n_features=2**20)
clf = SGDClassifier(loss="log_loss")
for _ in range(40):
    texts, labels = next_batch(1000)
    clf.partial_fit(vectorizer.transform(texts), labels, classes=[0, 1])
texts, labels = next_batch(5000)
fresh = vectorizer.transform(texts)
print("accuracy on unseen batch", clf.score(fresh, labels))
clf.partial_fit(fresh, labels)
