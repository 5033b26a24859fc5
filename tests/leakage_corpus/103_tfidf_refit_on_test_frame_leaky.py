# expect: TFL103
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("emails.csv")
train_df, test_df = train_test_split(df, test_size=0.2, stratify=df.spam)
tfidf = TfidfVectorizer()
X_train = tfidf.fit_transform(train_df.text)
X_test = tfidf.fit_transform(test_df.text)
clf = LogisticRegression().fit(X_train, train_df.spam)
