# expect: clean
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB

reviews = pd.read_json("reviews.json", lines=True)
y = reviews["stars"] >= 4
text_train, text_test, y_train, y_test = train_test_split(reviews["text"], y, test_size=0.3)
vectorizer = TfidfVectorizer(max_features=20000, ngram_range=(1, 2))
X_train = vectorizer.fit_transform(text_train)
X_test = vectorizer.transform(text_test)
nb = MultinomialNB().fit(X_train, y_train)
print(nb.score(X_test, y_test))
